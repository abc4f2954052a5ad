/**
 * The lecturer's (and editors') view of the checklist: rename, reorder, remove and add steps in a
 * draft, then "Save checklist" stores it as the course phase's shared document. The draft is saved
 * as a plain value, so if someone else saved meanwhile nothing is overwritten silently: the
 * lecturer reads what happened and chooses to overwrite that version or to load it instead.
 */
import { DocumentSchemaError } from '@coursekit/phase-sdk/client';
import { type FormEvent, useEffect, useId, useState } from 'react';
import { checklistEdits } from './checklistEdits';
import { describeStorageError } from './describeStorageError';
import { Checklist, type ChecklistStep } from './documents';
import { LoadError } from './LoadError';
import { useChecklist } from './useChecklist';

export function ChecklistEditor() {
  const { steps: stored, isStored, document: checklist } = useChecklist();
  /** The lecturer's unsaved version; `null` while there is nothing unsaved. */
  const [draft, setDraft] = useState<ChecklistStep[] | null>(null);
  const [newLabel, setNewLabel] = useState('');
  const [justSaved, setJustSaved] = useState(false);
  const newStepId = useId();
  const { isSaving, conflict, saveError } = checklist;

  // Once the stored checklist is what the draft says (saved, or overwritten by the same), the
  // draft is done. While a save is under way the shown data is optimistic: keep the draft then.
  useEffect(() => {
    if (draft && !isSaving && !conflict && checklistEdits.same(draft, stored)) setDraft(null);
  }, [draft, stored, isSaving, conflict]);

  const unreadable = checklist.error instanceof DocumentSchemaError;
  if (checklist.status === 'pending') {
    return (
      <p className="ck-muted" role="status">
        Loading the checklist…
      </p>
    );
  }
  if (checklist.status === 'error' && !unreadable) {
    return <LoadError what="The checklist" error={checklist.error} onRetry={checklist.refetch} />;
  }

  const shown = draft ?? stored;
  const edit = (next: ChecklistStep[]) => {
    setDraft(next);
    setJustSaved(false);
  };
  const invalid = Checklist.safeParse({ steps: shown }).error?.issues[0]?.message;
  const canSave = (draft !== null || !isStored) && !invalid && !isSaving;

  const save = () => {
    // Also the way to overwrite after a conflict: the cache then holds the version that won, so
    // this save names it (and takes the draft as it is now, with any edits made since).
    checklist.saveAsync({ steps: shown }).then(
      () => setJustSaved(true),
      () => undefined, // shown through `conflict` and `saveError`
    );
  };
  const add = (event: FormEvent) => {
    event.preventDefault();
    if (!newLabel.trim()) return;
    edit(checklistEdits.add(shown, newLabel));
    setNewLabel('');
  };

  let status: string;
  if (isSaving) status = 'Saving the checklist…';
  else if (draft !== null) status = 'You have unsaved changes.';
  else if (justSaved) status = 'Checklist saved.';
  else if (!isStored) status = 'Students see these default steps until you save a checklist.';
  else status = '';

  return (
    <>
      <h3>First steps</h3>
      {unreadable ? (
        <p className="ck-error" role="alert">
          {`The stored checklist could not be read (${describeStorageError(checklist.error)}). The default steps are shown; saving a checklist replaces the stored one.`}
        </p>
      ) : null}
      {shown.length === 0 ? <p className="ck-muted">The checklist has no steps.</p> : null}
      <ol className="ck-intro-editor">
        {shown.map((step, index) => (
          <li key={step.id}>
            <input
              type="text"
              aria-label={`Step ${index + 1}`}
              value={step.label}
              maxLength={200}
              onChange={(event) => edit(checklistEdits.rename(shown, step.id, event.target.value))}
            />{' '}
            <button
              type="button"
              aria-label={`Move step ${index + 1} up`}
              disabled={index === 0}
              onClick={() => edit(checklistEdits.move(shown, step.id, -1))}
            >
              Up
            </button>{' '}
            <button
              type="button"
              aria-label={`Move step ${index + 1} down`}
              disabled={index === shown.length - 1}
              onClick={() => edit(checklistEdits.move(shown, step.id, 1))}
            >
              Down
            </button>{' '}
            <button
              type="button"
              aria-label={`Remove step ${index + 1}`}
              onClick={() => edit(checklistEdits.remove(shown, step.id))}
            >
              Remove
            </button>
          </li>
        ))}
      </ol>
      <form onSubmit={add}>
        <label htmlFor={newStepId}>New step</label>{' '}
        <input
          id={newStepId}
          type="text"
          value={newLabel}
          maxLength={200}
          onChange={(event) => setNewLabel(event.target.value)}
        />{' '}
        <button type="submit" disabled={!newLabel.trim()}>
          Add step
        </button>
      </form>
      {invalid ? (
        <p className="ck-error" role="alert">
          {invalid}
        </p>
      ) : null}
      <div className="ck-actions">
        <button type="button" onClick={save} disabled={!canSave}>
          Save checklist
        </button>
      </div>
      <p className="ck-muted" role="status">
        {status}
      </p>
      {conflict ? (
        <div className="ck-error" role="alert">
          <p>
            Someone else saved the checklist while you were editing it. Overwrite their version with
            yours, or discard your changes and load theirs.
          </p>
          <button type="button" onClick={save} disabled={Boolean(invalid)}>
            Overwrite with mine
          </button>{' '}
          <button
            type="button"
            onClick={() => {
              conflict.discard();
              setDraft(null);
            }}
          >
            Discard my changes
          </button>
        </div>
      ) : saveError ? (
        <p className="ck-error" role="alert">
          {`The checklist could not be saved: ${describeStorageError(saveError)} Your changes are still here; try again.`}
        </p>
      ) : null}
    </>
  );
}
