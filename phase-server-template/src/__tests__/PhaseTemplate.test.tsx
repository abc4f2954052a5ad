/**
 * The template's screen as a user sees it, against its server faked from the contract: loading,
 * the empty state, the notes, a failure with a working "Try again", and adding a note (including a
 * refusal).
 */
import { fakePhaseServer, fakeProblem, renderPhase } from '@coursekit/phase-sdk/testing';
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { type Note, routes } from '../../shared/contract';
import phase from '../index';

const note = (text: string): Note => ({
  id: crypto.randomUUID(),
  text,
  authorId: '00000000-0000-4000-8000-000000000002',
  createdAt: '2025-01-01T10:00:00.000Z',
});

/** The phase as a student sees it, with its server faked from the contract. */
function renderWith(server: ReturnType<typeof fakePhaseServer>) {
  renderPhase(phase, { role: 'student', server });
  return server;
}

afterEach(cleanup);

describe('PhaseTemplate', () => {
  it('shows loading, then the notes', async () => {
    renderWith(
      fakePhaseServer(routes, { listNotes: () => ({ notes: [note('Hello'), note('World')] }) }),
    );
    expect(screen.getByRole('status').textContent).toContain('Loading notes…');
    const list = await screen.findByRole('list', { name: 'Notes' });
    expect(list.textContent).toContain('Hello');
    expect(list.textContent).toContain('World');
  });

  it('says so when there are no notes yet', async () => {
    renderWith(fakePhaseServer(routes, { listNotes: () => ({ notes: [] }) }));
    expect(await screen.findByText('No notes yet. Write the first one below.')).toBeTruthy();
  });

  it('shows why loading failed, and loads again on "Try again"', async () => {
    let attempts = 0;
    renderWith(
      fakePhaseServer(routes, {
        listNotes: () => {
          if (++attempts === 1)
            throw fakeProblem(503, 'CK_UNAVAILABLE', 'The database is starting.');
          return { notes: [note('Back again')] };
        },
      }),
    );
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Could not load the notes: The database is starting.');
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('Back again')).toBeTruthy();
  });

  it('adds a note and shows it', async () => {
    const notes: Note[] = [];
    const server = renderWith(
      fakePhaseServer(routes, {
        listNotes: () => ({ notes }),
        createNote: ({ body }) => {
          const created = note(body.text);
          notes.unshift(created);
          return created;
        },
      }),
    );
    await screen.findByText('No notes yet. Write the first one below.');
    fireEvent.change(screen.getByLabelText('Note'), { target: { value: 'Remember the demo' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add note' }));
    // Wait for the note in the list, not for its text anywhere: the textarea holds the same text
    // until the save returns, so a text match there would read the field before it is cleared.
    const list = await screen.findByRole('list', { name: 'Notes' });
    expect(within(list).getByText('Remember the demo')).toBeTruthy();
    expect(server.callsOf('createNote').map((call) => call.body)).toEqual([
      { text: 'Remember the demo' },
    ]);
    expect((screen.getByLabelText('Note') as HTMLTextAreaElement).value).toBe('');
  });

  it('keeps the note in the field while it is saved, and clears it once it is in the list', async () => {
    const notes: Note[] = [];
    let answer = () => {};
    renderWith(
      fakePhaseServer(routes, {
        listNotes: () => ({ notes }),
        createNote: ({ body }) => {
          const created = note(body.text);
          notes.unshift(created);
          return new Promise<Note>((resolve) => {
            answer = () => resolve(created);
          });
        },
      }),
    );
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
    renderWith(
      fakePhaseServer(routes, {
        listNotes: () => ({ notes: [] }),
        createNote: () => {
          throw fakeProblem(403, 'CK_TOKEN_WRONG_ROLE', 'Students may not write here.');
        },
      }),
    );
    await screen.findByText('No notes yet. Write the first one below.');
    fireEvent.change(screen.getByLabelText('Note'), { target: { value: 'Hi' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add note' }));
    expect((await screen.findByRole('alert')).textContent).toContain(
      'Students may not write here.',
    );
  });

  it('lets the author delete their note, and offers no delete for someone else’s', async () => {
    const mine = { ...note('Mine'), authorId: '00000000-0000-4000-8000-000000000001' };
    const notes: Note[] = [mine, note('Theirs')];
    const server = renderWith(
      fakePhaseServer(routes, {
        listNotes: () => ({ notes }),
        deleteNote: ({ params }) => {
          notes.splice(
            notes.findIndex((n) => n.id === params.noteId),
            1,
          );
        },
      }),
    );
    const list = await screen.findByRole('list', { name: 'Notes' });
    expect(within(list).getAllByRole('button', { name: 'Delete note' })).toHaveLength(1);
    fireEvent.click(within(list).getByRole('button', { name: 'Delete note' }));
    await screen.findByText('Theirs');
    await expect.poll(() => screen.queryByText('Mine')).toBeNull();
    expect(server.callsOf('deleteNote').map((call) => call.params)).toEqual([{ noteId: mine.id }]);
  });
});
