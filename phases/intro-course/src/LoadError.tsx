/** What a view shows when its data could not be loaded: the reason, and a way to try again. */
import { describeStorageError } from './describeStorageError';

export function LoadError({
  what,
  error,
  onRetry,
}: {
  /** What failed, as a sentence subject: "The checklist". */
  what: string;
  error: unknown;
  onRetry: () => void;
}) {
  return (
    <div className="ck-error" role="alert">
      <p>{`${what} could not be loaded: ${describeStorageError(error)}`}</p>
      <button type="button" onClick={onRetry}>
        Try again
      </button>
    </div>
  );
}
