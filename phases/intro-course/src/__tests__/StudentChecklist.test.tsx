/**
 * A student's checklist: the steps (configured, default or saved by the lecturer), ticks that are
 * saved at once and survive a reload, ticks from two tabs that merge, and readable failures.
 */
import { CoreNetworkError } from '@coursekit/phase-sdk/client';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { documents } from '../documents';
import { courseStorage, renderIntroCourse, SAM } from './renderIntroCourse';

afterEach(cleanup);

const checkbox = (name: string, container: HTMLElement = document.body) =>
  within(container).getByRole<HTMLInputElement>('checkbox', { name });

describe('the student checklist', () => {
  it('welcomes the student and shows the default steps while nothing is saved', async () => {
    renderIntroCourse('student');
    expect(
      screen.getByRole('heading', { name: 'Welcome to Software Engineering Essentials' }),
    ).toBeTruthy();
    expect(screen.getByText(/Hello Sam Student, you take part as student\./)).toBeTruthy();
    expect(screen.getByRole('status').textContent).toBe('Loading your checklist…');

    expect(await screen.findByRole('heading', { name: 'First steps' })).toBeTruthy();
    expect(screen.getAllByRole('checkbox').map((box) => box.parentElement?.textContent)).toEqual([
      ' Complete your profile',
      ' Read the syllabus',
      ' Introduce yourself to your team',
      ' Set up the development tools',
    ]);
    expect(screen.getByText('0 of 4 done')).toBeTruthy();
    // Students neither edit the checklist nor see the others' progress.
    expect(screen.queryByRole('button', { name: 'Save checklist' })).toBeNull();
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('takes the steps from the course phase’s configuration', async () => {
    renderIntroCourse('student', {
      value: {
        coursePhase: {
          id: 'cp',
          phase: 'intro-course',
          title: 'Team kick-off',
          version: '1.0.0',
          config: { steps: ['Meet your team', 'Agree on a meeting time'] },
        },
      },
    });
    expect(await screen.findByText('0 of 2 done')).toBeTruthy();
    expect(checkbox('Meet your team')).toBeTruthy();
  });

  it('shows the checklist the lecturer saved instead', async () => {
    renderIntroCourse('student', {
      documents: { course: { shared: { steps: [{ id: 'laptop', label: 'Bring a laptop' }] } } },
    });
    expect(await screen.findByText('0 of 1 done')).toBeTruthy();
    expect(checkbox('Bring a laptop')).toBeTruthy();
  });

  it('saves every tick in the student’s own document, and shows them again later', async () => {
    const first = renderIntroCourse('student');
    await screen.findByText('0 of 4 done');
    fireEvent.click(checkbox('Read the syllabus'));
    expect(await screen.findByText('1 of 4 done')).toBeTruthy();
    await waitFor(() =>
      expect(first.storage.peek(documents.participant.own, SAM.id).doc).toEqual({
        done: ['syllabus'],
      }),
    );
    first.unmount();

    renderIntroCourse('student', { storage: first.storage });
    expect(await screen.findByText('1 of 4 done')).toBeTruthy();
    expect(checkbox('Read the syllabus').checked).toBe(true);
    fireEvent.click(checkbox('Read the syllabus'));
    expect(await screen.findByText('0 of 4 done')).toBeTruthy();
    await waitFor(() =>
      expect(first.storage.peek(documents.participant.own, SAM.id).doc).toEqual({ done: [] }),
    );
  });

  it('shows a tick the moment it is clicked, while the save is still under way', async () => {
    const { storage } = renderIntroCourse('student');
    await screen.findByText('0 of 4 done');
    let release = () => {};
    storage.holdNextWrite(
      new Promise<void>((resolve) => {
        release = resolve;
      }),
    );

    fireEvent.click(checkbox('Complete your profile'));
    // No waiting: what a user (or Playwright's check()) sees right after the click.
    expect(checkbox('Complete your profile').checked).toBe(true);
    expect(screen.getByText('1 of 4 done')).toBeTruthy();

    release();
    await waitFor(() =>
      expect(storage.peek(documents.participant.own, SAM.id).doc).toEqual({ done: ['profile'] }),
    );
    expect(checkbox('Complete your profile').checked).toBe(true);
  });

  it('merges ticks made in two tabs', async () => {
    const storage = courseStorage();
    const left = renderIntroCourse('student', { storage }).container;
    const right = renderIntroCourse('student', { storage }).container;
    await within(left).findByText('0 of 4 done');
    await within(right).findByText('0 of 4 done');

    fireEvent.click(checkbox('Complete your profile', left));
    await waitFor(() => expect(storage.peek(documents.participant.own, SAM.id).version).toBe(1));
    // The right tab still believes nothing is ticked; its tick must not undo the left one.
    fireEvent.click(checkbox('Read the syllabus', right));
    await within(right).findByText('2 of 4 done');
    expect(storage.peek(documents.participant.own, SAM.id).doc).toEqual({
      done: ['profile', 'syllabus'],
    });
    expect(checkbox('Complete your profile', right).checked).toBe(true);
    expect(within(right).queryByRole('alert')).toBeNull();
  });

  it('undoes a tick that could not be saved, and says so', async () => {
    const { storage } = renderIntroCourse('student');
    await screen.findByText('0 of 4 done');
    storage.failNextWrite(new CoreNetworkError('/api/course-phases/x'));
    fireEvent.click(checkbox('Complete your profile'));

    expect((await screen.findByRole('alert')).textContent).toBe(
      'Your last tick could not be saved, so it was undone: The server could not be reached; check your connection. Please try again.',
    );
    expect(screen.getByText('0 of 4 done')).toBeTruthy();
    expect(checkbox('Complete your profile').checked).toBe(false);
  });

  it('explains a stored checklist it cannot read, with a way to try again', async () => {
    const storage = courseStorage();
    storage.seed(documents.course.shared, { items: ['written by another version'] });
    renderIntroCourse('student', { storage });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain(
      'The checklist could not be loaded: The stored data is in a format this version of the page cannot read.',
    );
    expect(within(alert).getByRole('button', { name: 'Try again' })).toBeTruthy();
    expect(screen.queryByRole('checkbox')).toBeNull();
  });
});
