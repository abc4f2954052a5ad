/**
 * Whether reading again can help: a network failure or a server error can pass, while a refusal
 * (4xx) or a document that does not match its schema stays until someone changes something.
 */
import { CoreApiError, CoreNetworkError } from '../client/CoreApiError.js';

export function isTransientError(error: unknown): boolean {
  return (
    error instanceof CoreNetworkError || (error instanceof CoreApiError && error.status >= 500)
  );
}

/** TanStack Query `retry` option: two more attempts for transient errors only. */
export const retryTransient = (failureCount: number, error: Error): boolean =>
  isTransientError(error) && failureCount < 2;
