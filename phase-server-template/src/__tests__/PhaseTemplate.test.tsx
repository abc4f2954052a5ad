/**
 * The template's screen as a user sees it, against a fake server: loading, the empty state, the
 * notes, a failure with a working "Try again", and adding a note (including a refusal).
 */
import { TestPhaseProvider } from '@coursekit/phase-sdk/testing';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Note } from '../../shared/contract';
import { PhaseTemplate } from '../PhaseTemplate';
import { type FakeHandler, fakeApiFetch, json, problem } from './fakeApiFetch';

const note = (text: string): Note => ({
  id: crypto.randomUUID(),
  text,
  authorId: '00000000-0000-4000-8000-000000000002',
  createdAt: '2025-01-01T10:00:00.000Z',
});

function renderWith(handlers: Record<string, FakeHandler>) {
  const fake = fakeApiFetch(handlers);
  render(
    <TestPhaseProvider value={{ apiFetch: fake.apiFetch }}>
      <PhaseTemplate />
    </TestPhaseProvider>,
  );
  return fake;
}

afterEach(cleanup);

describe('PhaseTemplate', () => {
  it('shows loading, then the notes', async () => {
    renderWith({ 'GET /notes': () => json({ notes: [note('Hello'), note('World')] }) });
    expect(screen.getByRole('status').textContent).toContain('Loading notes…');
    const list = await screen.findByRole('list', { name: 'Notes' });
    expect(list.textContent).toContain('Hello');
    expect(list.textContent).toContain('World');
  });

  it('says so when there are no notes yet', async () => {
    renderWith({ 'GET /notes': () => json({ notes: [] }) });
    expect(await screen.findByText('No notes yet. Write the first one below.')).toBeTruthy();
  });

  it('shows why loading failed, and loads again on "Try again"', async () => {
    let attempts = 0;
    renderWith({
      'GET /notes': () =>
        ++attempts === 1
          ? problem(503, 'CK_UNAVAILABLE', 'The database is starting.')
          : json({ notes: [note('Back again')] }),
    });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Could not load the notes: The database is starting.');
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('Back again')).toBeTruthy();
  });

  it('adds a note and shows it', async () => {
    const notes: Note[] = [];
    const fake = renderWith({
      'GET /notes': () => json({ notes }),
      'POST /notes': ({ body }) => {
        const created = note((body as { text: string }).text);
        notes.unshift(created);
        return json(created, 201);
      },
    });
    await screen.findByText('No notes yet. Write the first one below.');
    fireEvent.change(screen.getByLabelText('Note'), { target: { value: 'Remember the demo' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add note' }));
    // Wait for the note in the list, not for its text anywhere: the textarea holds the same text
    // until the save returns, so a text match there would read the field before it is cleared.
    const list = await screen.findByRole('list', { name: 'Notes' });
    expect(within(list).getByText('Remember the demo')).toBeTruthy();
    expect(fake.calls).toContainEqual({
      method: 'POST',
      path: '/notes',
      body: { text: 'Remember the demo' },
    });
    expect((screen.getByLabelText('Note') as HTMLTextAreaElement).value).toBe('');
  });

  it('keeps the note in the field while it is saved, and clears it once it is in the list', async () => {
    const notes: Note[] = [];
    let answer = () => {};
    renderWith({
      'GET /notes': () => json({ notes }),
      'POST /notes': ({ body }) => {
        const created = note((body as { text: string }).text);
        notes.unshift(created);
        return new Promise((resolve) => {
          answer = () => resolve(json(created, 201));
        });
      },
    });
    await screen.findByText('No notes yet. Write the first one below.');
    const field = screen.getByLabelText('Note') as HTMLTextAreaElement;
    fireEvent.change(field, { target: { value: 'Slow network' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add note' }));
    // The text is on screen (in the field) before the server has answered: a test that waits for
    // the text alone would read the field too early.
    expect(await screen.findByRole('button', { name: 'Adding…' })).toBeTruthy();
    expect(screen.getByText('Slow network')).toBe(field);
    expect(field.value).toBe('Slow network');
    answer();
    const list = await screen.findByRole('list', { name: 'Notes' });
    expect(within(list).getByText('Slow network')).toBeTruthy();
    expect(field.value).toBe('');
  });

  it('shows the server’s reason when it refuses a note', async () => {
    renderWith({
      'GET /notes': () => json({ notes: [] }),
      'POST /notes': () => problem(403, 'CK_TOKEN_WRONG_ROLE', 'Students may not write here.'),
    });
    await screen.findByText('No notes yet. Write the first one below.');
    fireEvent.change(screen.getByLabelText('Note'), { target: { value: 'Hi' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add note' }));
    expect((await screen.findByRole('alert')).textContent).toContain(
      'Students may not write here.',
    );
  });
});
