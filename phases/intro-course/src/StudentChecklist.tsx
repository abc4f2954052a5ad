/**
 * A participant's view of the checklist: each step with a checkbox, and how many are done. Every
 * tick is saved at once to the participant's own document, with the updater form of `save`, so
 * that ticks made in two tabs merge instead of overwriting each other.
 */
import { useMyData } from '@coursekit/phase-sdk/react';
import { describeStorageError } from './describeStorageError';
import { documents } from './documents';
import { LoadError } from './LoadError';
import { progressText, setStepDone } from './progress';
import { useChecklist } from './useChecklist';

export function StudentChecklist() {
  const { steps, document: checklist } = useChecklist();
  const progress = useMyData(documents.participant.own);

  if (checklist.status === 'error') {
    return <LoadError what="The checklist" error={checklist.error} onRetry={checklist.refetch} />;
  }
  if (progress.status === 'error') {
    return <LoadError what="Your progress" error={progress.error} onRetry={progress.refetch} />;
  }
  if (checklist.status === 'pending' || progress.status === 'pending') {
    return (
      <p className="ck-muted" role="status">
        Loading your checklist…
      </p>
    );
  }

  const done = new Set(progress.data?.done ?? []);
  return (
    <>
      <h3>First steps</h3>
      <p aria-live="polite">{progressText(steps, progress.data)}</p>
      {steps.length === 0 ? (
        <p className="ck-muted">There are no steps to take yet.</p>
      ) : (
        <ul className="ck-intro-checklist">
          {steps.map((step) => (
            <li key={step.id}>
              <label>
                <input
                  type="checkbox"
                  checked={done.has(step.id)}
                  onChange={(event) => {
                    const checked = event.currentTarget.checked;
                    progress.save((current) => setStepDone(current, step.id, checked));
                  }}
                />{' '}
                {step.label}
              </label>
            </li>
          ))}
        </ul>
      )}
      {progress.saveError ? (
        <p className="ck-error" role="alert">
          {`Your last tick could not be saved, so it was undone: ${describeStorageError(progress.saveError)} Please try again.`}
        </p>
      ) : null}
    </>
  );
}
