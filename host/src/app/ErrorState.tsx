/** A failed read: what failed, the problem's detail, and a way to try again. */
import type { ReactNode } from 'react';
import { describeError } from './describeError';

export function ErrorState({
  title,
  error,
  onRetry,
  children,
}: {
  title: string;
  error: unknown;
  onRetry?: () => void;
  children?: ReactNode;
}) {
  return (
    <div className="ck-error" role="alert">
      <p className="ck-error-title">{title}</p>
      <p>{describeError(error)}</p>
      <div className="ck-actions">
        {onRetry ? (
          <button type="button" onClick={onRetry}>
            Retry
          </button>
        ) : null}
        {children}
      </div>
    </div>
  );
}
