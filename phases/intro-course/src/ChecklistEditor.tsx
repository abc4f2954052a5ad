/**
 * The lecturer's (and editors') view of the checklist: rename, reorder, remove and add steps in a
 * draft, then "Save checklist" stores it as the course phase's shared document. The draft lives in
 * the SDK's document hook with the version it started from, so a colleague's save in between is
 * never overwritten, even after this tab has read it (on focus, say): the save ends in a conflict
 * that shows what the colleague changed and merges both edits.
 */
import { DocumentSchemaError } from '@coursekit/phase-sdk/client';
import { type FormEvent, useId, useState } from 'react';
import { ChecklistConflict } from './ChecklistConflict';
import { checklistEdits } from './checklistEdits';
import { describeStorageError } from './describeStorageError';
import { Checklist, type ChecklistStep } from './documents';
import { LoadError } from './LoadError';
import { useChecklist } from './useChecklist';

export function ChecklistEditor() {
  const { steps: stored, isStored, fallback, document: checklist } = useChecklist();
  const [newLabel, setNewLabel] = useState('');
  const [justSaved, setJustSaved] = useState(false);
  const newStepId = useId();
  const { isSaving, conflict, saveError, draft } = checklist;

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

  const shown = draft?.data.steps ?? stored;
  const edit = (change: (steps: ChecklistStep[]) => ChecklistStep[]) => {
    // The steps so far: the draft's, or the stored (or default) ones when the draft starts now.
    checklist.edit((current) => ({ steps: change(current?.steps ?? stored) }));
    setJustSaved(false);
  };
  const invalid = Checklist.safeParse({ steps: shown }).error?.issues[0]?.message;
  const canSave = (draft !== null || !isStored) && !invalid && !isSaving;

  const save = async () => {
    // The default steps are saved as they are: a draft of them, from the version shown now.
    if (!draft) checklist.edit({ steps: shown });
    if (await checklist.saveDraft()) setJustSaved(true);
  };
  const add = (event: FormEvent) => {
    event.preventDefault();
    if (!newLabel.trim()) return;
    edit((steps) => checklistEdits.add(steps, newLabel));
    setNewLabel('');
  };

  let status: string;
  if (isSaving) status = 'Saving the checklist…';
  else if (draft && (checklist.version ?? 0) > draft.baseVersion) {
    status =
      'Someone else saved the checklist since you began editing; saving shows what they changed.';
  } else if (draft) status = 'You have unsaved changes.';
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
              onChange={(event) => {
                const label = event.target.value;
                edit((steps) => checklistEdits.rename(steps, step.id, label));
              }}
            />{' '}
            <button
              type="button"
              aria-label={`Move step ${index + 1} up`}
              disabled={index === 0}
              onClick={() => edit((steps) => checklistEdits.move(steps, step.id, -1))}
            >
              Up
            </button>{' '}
            <button
              type="button"
              aria-label={`Move step ${index + 1} down`}
              disabled={index === shown.length - 1}
              onClick={() => edit((steps) => checklistEdits.move(steps, step.id, 1))}
            >
              Down
            </button>{' '}
            <button
              type="button"
              aria-label={`Remove step ${index + 1}`}
              onClick={() => edit((steps) => checklistEdits.remove(steps, step.id))}
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
        <button type="button" onClick={() => void save()} disabled={!canSave}>
          Save checklist
        </button>
      </div>
      <p className="ck-muted" role="status">
        {status}
      </p>
      {conflict ? (
        <ChecklistConflict
          conflict={conflict}
          fallback={fallback}
          onSaved={() => setJustSaved(true)}
        />
      ) : saveError ? (
        <p className="ck-error" role="alert">
          {`The checklist could not be saved: ${describeStorageError(saveError)} Your changes are still here; try again.`}
        </p>
      ) : null}
    </>
  );
}
