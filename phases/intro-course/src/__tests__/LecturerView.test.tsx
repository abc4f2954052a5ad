/**
 * The lecturer's view: edit the checklist (add, rename, reorder, remove, save), see what happens
 * when a colleague saved first, and follow every student's progress.
 */
import { InMemoryStorage } from '@coursekit/phase-sdk/testing';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { documents } from '../documents';
import { courseStorage, KIM, renderIntroCourse, SAM } from './renderIntroCourse';

afterEach(cleanup);

const stepLabels = () =>
  screen
    .getAllByRole<HTMLInputElement>('textbox', { name: /^Step \d+$/ })
    .map((input) => input.value);
const status = () => screen.getAllByRole('status').map((element) => element.textContent);

async function addStep(label: string) {
  fireEvent.change(screen.getByRole('textbox', { name: 'New step' }), {
    target: { value: label },
  });
  fireEvent.click(screen.getByRole('button', { name: 'Add step' }));
}

describe('the checklist editor', () => {
  it('starts from the default steps and saves the edited checklist for everyone', async () => {
    const { storage } = renderIntroCourse('lecturer');
    expect(await screen.findByRole('heading', { name: 'First steps' })).toBeTruthy();
    expect(stepLabels()).toEqual([
      'Complete your profile',
      'Read the syllabus',
      'Introduce yourself to your team',
      'Set up the development tools',
    ]);
    expect(status()).toContain('Students see these default steps until you save a checklist.');

    await addStep('Bring a laptop');
    fireEvent.change(screen.getByRole('textbox', { name: 'Step 1' }), {
      target: { value: 'Complete your Coursekit profile' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Move step 5 up' }));
    fireEvent.click(screen.getByRole('button', { name: 'Remove step 3' }));
    expect(stepLabels()).toEqual([
      'Complete your Coursekit profile',
      'Read the syllabus',
      'Bring a laptop',
      'Set up the development tools',
    ]);
    expect(status()).toContain('You have unsaved changes.');

    fireEvent.click(screen.getByRole('button', { name: 'Save checklist' }));
    await waitFor(() => expect(status()).toContain('Checklist saved.'));
    const saved = storage.peek(documents.course.shared);
    expect(saved.version).toBe(1);
    expect(saved.doc).toMatchObject({
      steps: [
        { id: 'profile', label: 'Complete your Coursekit profile' },
        { id: 'syllabus', label: 'Read the syllabus' },
        { label: 'Bring a laptop' },
        { id: 'tools', label: 'Set up the development tools' },
      ],
    });
    expect(
      (screen.getByRole('button', { name: 'Save checklist' }) as HTMLButtonElement).disabled,
    ).toBe(true);
  });

  it('will not save a step without a label', async () => {
    renderIntroCourse('lecturer');
    await screen.findByRole('heading', { name: 'First steps' });
    fireEvent.change(screen.getByRole('textbox', { name: 'Step 2' }), { target: { value: ' ' } });
    expect(screen.getByRole('alert').textContent).toBe('Every step needs a label.');
    expect(
      (screen.getByRole('button', { name: 'Save checklist' }) as HTMLButtonElement).disabled,
    ).toBe(true);
  });

  it('does not overwrite a colleague’s save silently; the lecturer can load theirs', async () => {
    const { storage } = renderIntroCourse('lecturer');
    await screen.findByRole('heading', { name: 'First steps' });
    await addStep('Mine');
    storage.seed(documents.course.shared, { steps: [{ id: 'theirs', label: 'Theirs' }] });
    fireEvent.click(screen.getByRole('button', { name: 'Save checklist' }));

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain(
      'Someone else saved the checklist while you were editing it. Overwrite their version with yours, or discard your changes and load theirs.',
    );
    // The draft is still on screen, and nothing was overwritten.
    expect(stepLabels()).toContain('Mine');
    expect(storage.peek(documents.course.shared).doc).toEqual({
      steps: [{ id: 'theirs', label: 'Theirs' }],
    });

    fireEvent.click(within(alert).getByRole('button', { name: 'Discard my changes' }));
    await waitFor(() => expect(stepLabels()).toEqual(['Theirs']));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('lets the lecturer overwrite a colleague’s save on purpose', async () => {
    const { storage } = renderIntroCourse('lecturer');
    await screen.findByRole('heading', { name: 'First steps' });
    await addStep('Mine');
    storage.seed(documents.course.shared, { steps: [{ id: 'theirs', label: 'Theirs' }] });
    fireEvent.click(screen.getByRole('button', { name: 'Save checklist' }));
    const alert = await screen.findByRole('alert');

    fireEvent.click(within(alert).getByRole('button', { name: 'Overwrite with mine' }));
    await waitFor(() => expect(status()).toContain('Checklist saved.'));
    expect(screen.queryByRole('alert')).toBeNull();
    expect(storage.peek(documents.course.shared).version).toBe(2);
    expect(stepLabels()).toContain('Mine');
    expect(stepLabels()).not.toContain('Theirs');
  });
});

describe('student progress', () => {
  it('shows every student with how many steps they have done', async () => {
    const storage = courseStorage();
    storage.seed(documents.participant.own, { done: ['profile', 'syllabus', 'gone'] }, SAM.id);
    storage.seed(documents.participant.own, { done: [] }, KIM.id);
    renderIntroCourse('lecturer', { storage });

    const table = await screen.findByRole('table', { name: 'Student progress' });
    const rows = within(table)
      .getAllByRole('row')
      .map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent));
    // Ordered by name; a tick of a step that no longer exists does not count.
    expect(rows).toEqual([
      ['Student', 'Progress'],
      ['Kim Student', '0 of 4 done'],
      ['Sam Student', '2 of 4 done'],
    ]);
  });

  it('counts against the saved checklist and refreshes on request', async () => {
    const storage = courseStorage();
    storage.seed(documents.course.shared, {
      steps: [
        { id: 'a', label: 'A' },
        { id: 'b', label: 'B' },
      ],
    });
    renderIntroCourse('lecturer', { storage });
    const table = await screen.findByRole('table', { name: 'Student progress' });
    expect(within(table).getByRole('row', { name: /Sam Student/ }).textContent).toContain(
      '0 of 2 done',
    );

    storage.seed(documents.participant.own, { done: ['b'] }, SAM.id); // Sam ticks in their browser
    fireEvent.click(screen.getByRole('button', { name: 'Refresh' }));
    await waitFor(() =>
      expect(within(table).getByRole('row', { name: /Sam Student/ }).textContent).toContain(
        '1 of 2 done',
      ),
    );
  });

  it('says when no student takes part yet', async () => {
    renderIntroCourse('lecturer', { storage: new InMemoryStorage() });
    expect(await screen.findByText('No students take part in this course yet.')).toBeTruthy();
  });
});
