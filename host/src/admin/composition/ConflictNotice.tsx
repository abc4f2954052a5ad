/** Shown when a change was refused because someone else changed the course first. */
import type { Conflict } from './useCompositionChange';

export function ConflictNotice({
  conflict,
  onReapply,
  onDiscard,
}: {
  conflict: Conflict;
  onReapply: () => void;
  onDiscard: () => void;
}) {
  return (
    <div className="ck-error ck-conflict" role="alert">
      <p className="ck-error-title">Someone else changed this course while you were editing.</p>
      <p>
        {`Your change (“${conflict.change.label}”) was not saved. The list below shows the course as it is now (revision ${conflict.current.revision}). Check it, then apply your change on top or discard it.`}
      </p>
      <div className="ck-actions">
        <button type="button" onClick={onReapply}>
          Apply my change again
        </button>
        <button type="button" className="ck-secondary" onClick={onDiscard}>
          Discard my change
        </button>
      </div>
    </div>
  );
}
