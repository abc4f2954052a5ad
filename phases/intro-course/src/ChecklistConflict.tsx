/**
 * What the lecturer sees when a colleague saved the checklist after this draft began: what the
 * colleague changed, and the choice. The checklist defines a merge, so the usual answer is "merge
 * and save" (their changes and mine); when theirs cannot be merged (e.g. it is unreadable), the
 * lecturer overwrites it with theirs or takes theirs instead.
 */
import type { DocumentConflict } from '@coursekit/phase-sdk/react';
import { useId } from 'react';
import { checklistChanges } from './checklistChanges';
import type { Checklist, ChecklistStep } from './documents';

export function ChecklistConflict({
  conflict,
  fallback,
  onSaved,
}: {
  conflict: DocumentConflict<Checklist>;
  /** The steps the draft started from when nothing was stored yet. */
  fallback: readonly ChecklistStep[];
  /** Called once the merge (or mine) is stored. */
  onSaved: () => void;
}) {
  const saved = (stored: boolean) => {
    if (stored) onSaved();
  };
  const titleId = useId();
  const changes = conflict.theirs
    ? checklistChanges(conflict.base?.steps ?? fallback, conflict.theirs.steps)
    : [];
  const { merged } = conflict;
  return (
    <div className="ck-error" role="alert" aria-labelledby={titleId}>
      <p id={titleId}>
        {merged
          ? 'Someone else saved the checklist while you were editing it. Merge keeps their changes and yours (where you both renamed a step, yours wins).'
          : 'Someone else saved the checklist while you were editing it. Overwrite their version with yours, or discard your changes and load theirs.'}
      </p>
      {changes.length > 0 ? (
        <>
          <p>They changed:</p>
          <ul aria-label="Their changes">
            {changes.map((change) => (
              <li key={change}>{change}</li>
            ))}
          </ul>
        </>
      ) : conflict.theirs ? null : (
        <p>Their version is in a format this page cannot read.</p>
      )}
      {merged ? (
        <button type="button" onClick={() => void conflict.saveMerged().then(saved)}>
          Merge and save
        </button>
      ) : (
        <button type="button" onClick={() => void conflict.keepMine().then(saved)}>
          Overwrite with mine
        </button>
      )}{' '}
      <button type="button" onClick={conflict.takeTheirs}>
        Discard my changes
      </button>
    </div>
  );
}
