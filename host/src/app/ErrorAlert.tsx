/** A refused or failed action's message, announced at once (`role="alert"`); nothing when none. */
import { describeError } from './describeError';

export function ErrorAlert({ error }: { error: unknown }) {
  if (!error) return null;
  return (
    <p role="alert" className="ck-error">
      {describeError(error)}
    </p>
  );
}
