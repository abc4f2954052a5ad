/** One readable sentence for any error a page shows: the problem's detail when the core sent one. */
import { CoreApiError, CoreNetworkError } from '@coursekit/phase-sdk/client';

export function describeError(error: unknown): string {
  if (error instanceof CoreApiError) return error.problem.detail ?? error.problem.title;
  if (error instanceof CoreNetworkError) return error.message;
  if (error instanceof Error && error.message) return error.message;
  return 'Something unexpected went wrong.';
}
