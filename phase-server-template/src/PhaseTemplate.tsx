/**
 * The template's screen: the notes of this course phase, kept by the phase's own server. It shows
 * the three states every screen that loads data needs (loading, empty, failed with a way to retry)
 * and a form whose refusals (the server's problem+json) are shown next to it. The calls come from
 * the routes of `shared/contract.ts` through the SDK's hooks, so they cannot disagree with the
 * server. Replace the notes with your phase's own feature; keep the states.
 */

import { useCoreAuth, useRouteMutation, useRouteQuery } from '@coursekit/phase-sdk/react';
import { type FormEvent, useState } from 'react';
import { routes } from '../shared/contract';

export function PhaseTemplate() {
  const { user, can } = useCoreAuth();
  const notes = useRouteQuery(routes.listNotes);
  const createNote = useRouteMutation(routes.createNote);
  const deleteNote = useRouteMutation(routes.deleteNote);
  const [text, setText] = useState('');
  const failed = createNote.error ?? deleteNote.error;

  const add = (event: FormEvent) => {
    event.preventDefault();
    deleteNote.reset();
    // The field is cleared once the note is saved and the list refetched (the mutation waits for
    // it), so the text never vanishes from the field before it shows in the list.
    createNote.mutate({ body: { text } }, { onSuccess: () => setText('') });
  };

  return (
    <section aria-labelledby="ck-phase-template-title">
      <h2 id="ck-phase-template-title">Phase template</h2>

      {notes.isPending && <p role="status">Loading notes…</p>}
      {notes.isError && (
        <div role="alert">
          <p>Could not load the notes: {notes.error.message}</p>
          <button type="button" onClick={() => void notes.refetch()}>
            Try again
          </button>
        </div>
      )}
      {notes.isSuccess && notes.data.notes.length === 0 && (
        <p>No notes yet. Write the first one below.</p>
      )}
      {notes.isSuccess && notes.data.notes.length > 0 && (
        <ul aria-label="Notes">
          {notes.data.notes.map((note) => (
            <li key={note.id}>
              <p>{note.text}</p>
              <small>{new Date(note.createdAt).toLocaleString()}</small>{' '}
              {(note.authorId === user.id || can('editCourseData')) && (
                <button
                  type="button"
                  onClick={() => {
                    createNote.reset();
                    deleteNote.mutate({ params: { noteId: note.id } });
                  }}
                >
                  Delete note
                </button>
              )}
            </li>
          ))}
        </ul>
      )}

      <form onSubmit={add}>
        <label htmlFor="ck-phase-template-note">Note</label>
        <textarea
          id="ck-phase-template-note"
          value={text}
          maxLength={500}
          required
          onChange={(event) => setText(event.target.value)}
        />
        <button type="submit" disabled={createNote.isPending}>
          {createNote.isPending ? 'Adding…' : 'Add note'}
        </button>
        {failed && <p role="alert">{failed.message}</p>}
      </form>
    </section>
  );
}
