/** The client-only screen as a user sees it, rendered with the same context the host provides. */
import { renderPhase } from '@coursekit/phase-sdk/testing';
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import phase from '../index';

afterEach(cleanup);

describe('PhaseTemplate', () => {
  it('greets the user in their course and role', () => {
    renderPhase(phase, { role: 'lecturer' });
    expect(screen.getByRole('heading', { name: 'Phase template' })).toBeTruthy();
    expect(screen.getByText(/you take part in Sample course as lecturer/)).toBeTruthy();
  });

  it('shows the intro configured for this course phase', () => {
    renderPhase(phase, {
      value: {
        coursePhase: {
          id: '00000000-0000-4000-8000-0000000000f1',
          phase: 'phase-template',
          title: 'Phase template',
          version: '0.1.0',
          config: { intro: 'Read the brief before Monday.' },
        },
      },
    });
    expect(screen.getByText('Read the brief before Monday.')).toBeTruthy();
  });

  it('remembers that the user marked it as read', () => {
    renderPhase(phase);
    fireEvent.click(screen.getByLabelText('I have read this'));
    expect(screen.getByRole('status').textContent).toBe('Marked as read');
  });
});
