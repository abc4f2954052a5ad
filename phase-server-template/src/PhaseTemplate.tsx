/**
 * The template's screen: the notes of this course phase, kept by the phase's own server. It shows
 * the three states every screen that loads data needs (loading, empty, failed with a way to retry)
 * and a form whose refusals (the server's problem+json) are shown next to it. Replace the notes with
 * your phase's own feature; keep the states.
 */

import { toPhaseApiError } from '@coursekit/phase-sdk/client';
import { useApiFetch, useCoreAuth } from '@coursekit/phase-sdk/react';
import { type FormEvent, useMemo, useState } from 'react';
import type { Note } from '../shared/contract';
import { createPhaseClient } from './phaseClient';
import { useRemoteData } from './useRemoteData';

export function PhaseTemplate() {
  const apiFetch = useApiFetch();
  const { user, can } = useCoreAuth();
  const client = useMemo(() => createPhaseClient(apiFetch), [apiFetch]);
  const notes = useRemoteData(() => client.listNotes(), [client]);
  const [text, setText] = useState('');
  const [saving, setSaving] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);

  const add = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setFormError(null);
    try {
      await client.createNote({ text });
      setText('');
      notes.reload();
    } catch (error) {
      setFormError(toPhaseApiError(error).message);
    } finally {
      setSaving(false);
    }
  };

  const remove = async (note: Note) => {
    setFormError(null);
    try {
      await client.deleteNote(note.id);
      notes.reload();
    } catch (error) {
      setFormError(toPhaseApiError(error).message);
    }
  };

  return (
    <section aria-labelledby="ck-phase-template-title">
      <h2 id="ck-phase-template-title">Phase template</h2>

      {notes.status === 'loading' && <p role="status">Loading notes…</p>}
      {notes.status === 'error' && (
        <div role="alert">
          <p>Could not load the notes: {notes.error.message}</p>
          <button type="button" onClick={notes.reload}>
            Try again
          </button>
        </div>
      )}
      {notes.status === 'ready' && notes.data.notes.length === 0 && (
        <p>No notes yet. Write the first one below.</p>
      )}
      {notes.status === 'ready' && notes.data.notes.length > 0 && (
        <ul aria-label="Notes">
          {notes.data.notes.map((note) => (
            <li key={note.id}>
              <p>{note.text}</p>
              <small>{new Date(note.createdAt).toLocaleString()}</small>{' '}
              {(note.authorId === user.id || can('editCourseData')) && (
                <button type="button" onClick={() => void remove(note)}>
                  Delete note
                </button>
              )}
            </li>
          ))}
        </ul>
      )}

      <form onSubmit={(event) => void add(event)}>
        <label htmlFor="ck-phase-template-note">Note</label>
        <textarea
          id="ck-phase-template-note"
          value={text}
          maxLength={500}
          required
          onChange={(event) => setText(event.target.value)}
        />
        <button type="submit" disabled={saving}>
          {saving ? 'Adding…' : 'Add note'}
        </button>
        {formError && <p role="alert">{formError}</p>}
      </form>
    </section>
  );
}
