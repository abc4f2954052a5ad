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
const theirChanges = () =>
  within(screen.getByRole('list', { name: 'Their changes' }))
    .getAllByRole('listitem')
    .map((item) => item.textContent);

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

  it('does not overwrite a colleague’s save silently; shows what they changed; the lecturer can load theirs', async () => {
    const { storage } = renderIntroCourse('lecturer');
    await screen.findByRole('heading', { name: 'First steps' });
    await addStep('Mine');
    storage.seed(documents.course.shared, { steps: [{ id: 'theirs', label: 'Theirs' }] });
    fireEvent.click(screen.getByRole('button', { name: 'Save checklist' }));

    const alert = await screen.findByRole('alert', { name: /Someone else saved/ });
    expect(alert.textContent).toContain(
      'Someone else saved the checklist while you were editing it.',
    );
    // Theirs against the default steps this draft started from.
    expect(theirChanges()).toEqual([
      'removed “Complete your profile”',
      'removed “Read the syllabus”',
      'removed “Introduce yourself to your team”',
      'removed “Set up the development tools”',
      'added “Theirs”',
    ]);
    // The draft is still on screen, and nothing was overwritten.
    expect(stepLabels()).toContain('Mine');
    expect(storage.peek(documents.course.shared).doc).toEqual({
      steps: [{ id: 'theirs', label: 'Theirs' }],
    });

    fireEvent.click(within(alert).getByRole('button', { name: 'Discard my changes' }));
    await waitFor(() => expect(stepLabels()).toEqual(['Theirs']));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('keeps a colleague’s save that this tab read under its draft (lost update), and merges both', async () => {
    const storage = courseStorage();
    storage.seed(documents.course.shared, {
      steps: [
        { id: 'a', label: 'A' },
        { id: 'b', label: 'B' },
      ],
    });
    renderIntroCourse('lecturer', { storage });
    await screen.findByRole('heading', { name: 'First steps' });
    fireEvent.change(screen.getByRole('textbox', { name: 'Step 1' }), {
      target: { value: 'A (mine)' },
    });
    await addStep('Mine');

    // A colleague adds a step and removes one; this tab reads their version when it regains focus.
    storage.seed(documents.course.shared, {
      steps: [
        { id: 'a', label: 'A' },
        { id: 'theirs', label: 'Theirs' },
      ],
    });
    window.dispatchEvent(new Event('visibilitychange'));
    await waitFor(() =>
      expect(status()).toContain(
        'Someone else saved the checklist since you began editing; saving shows what they changed.',
      ),
    );
    expect(stepLabels()).toEqual(['A (mine)', 'B', 'Mine']);

    fireEvent.click(screen.getByRole('button', { name: 'Save checklist' }));
    const alert = await screen.findByRole('alert', { name: /Someone else saved/ });
    expect(theirChanges()).toEqual(['removed “B”', 'added “Theirs”']);
    expect(storage.peek(documents.course.shared).version).toBe(2);

    fireEvent.click(within(alert).getByRole('button', { name: 'Merge and save' }));
    await waitFor(() => expect(status()).toContain('Checklist saved.'));
    expect(screen.queryByRole('alert')).toBeNull();
    expect(storage.peek(documents.course.shared)).toMatchObject({
      version: 3,
      doc: {
        steps: [
          { id: 'a', label: 'A (mine)' },
          { label: 'Mine' },
          { id: 'theirs', label: 'Theirs' },
        ],
      },
    });
    expect(stepLabels()).toEqual(['A (mine)', 'Mine', 'Theirs']);
  });

  it('lets the lecturer overwrite a version it cannot merge with', async () => {
    const { storage } = renderIntroCourse('lecturer');
    await screen.findByRole('heading', { name: 'First steps' });
    await addStep('Mine');
    storage.seed(documents.course.shared, { items: ['written by another version'] });
    fireEvent.click(screen.getByRole('button', { name: 'Save checklist' }));
    const alert = await screen.findByRole('alert', { name: /Someone else saved/ });
    expect(alert.textContent).toContain('Their version is in a format this page cannot read.');

    fireEvent.click(within(alert).getByRole('button', { name: 'Overwrite with mine' }));
    await waitFor(() => expect(status()).toContain('Checklist saved.'));
    expect(screen.queryByRole('alert')).toBeNull();
    expect(storage.peek(documents.course.shared).version).toBe(2);
    expect(stepLabels()).toContain('Mine');
  });
});

describe('student progress', () => {
  it('shows every student with how many steps they have done', async () => {
    renderIntroCourse('lecturer', {
      documents: {
        participant: {
          own: { [SAM.id]: { done: ['profile', 'syllabus', 'gone'] }, [KIM.id]: { done: [] } },
        },
      },
    });

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
