/**
 * One readable sentence for what went wrong with stored data, worded for the person at the
 * screen: a refusal says what the core said, a conflict says someone else saved, an outdated
 * document says it cannot be read, a network failure says to check the connection.
 */
import {
  CoreApiError,
  CoreNetworkError,
  DocumentSchemaError,
  VersionConflictError,
} from '@coursekit/phase-sdk/client';

export function describeStorageError(error: unknown): string {
  if (error instanceof VersionConflictError) {
    return 'Someone else saved in the meantime.';
  }
  if (error instanceof DocumentSchemaError) {
    return error.operation === 'read'
      ? 'The stored data is in a format this version of the page cannot read.'
      : (error.issues[0]?.message ?? 'The data to save is not valid.');
  }
  if (error instanceof CoreApiError) return error.problem.detail ?? error.problem.title;
  if (error instanceof CoreNetworkError)
    return 'The server could not be reached; check your connection.';
  if (error instanceof Error && error.message) return error.message;
  return 'Something unexpected went wrong.';
}
