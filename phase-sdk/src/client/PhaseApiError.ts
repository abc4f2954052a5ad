/**
 * The one error type of a phase's typed client (`callRoute`): whatever went wrong (the server refused, the gateway
 * or network failed, an answer broke the contract), the caller gets the problem+json that explains
 * it, so the UI can show `error.message` and branch on `error.code` or `error.status`.
 */
import type { Problem } from '../contract/index.js';

export class PhaseApiError extends Error {
  override readonly name = 'PhaseApiError';

  constructor(
    /** The server's problem+json, or one made up here when the server sent none. */
    readonly problem: Problem,
    options?: { cause?: unknown },
  ) {
    super(problem.detail ?? problem.title, options);
  }

  get status(): number {
    return this.problem.status;
  }

  /** The stable `CK_...` code, e.g. `CK_VALIDATION` or `CK_TOKEN_WRONG_ROLE`. */
  get code(): string {
    return this.problem.code;
  }
}

/** Turn anything thrown into a `PhaseApiError` (unknown failures become an internal problem). */
export function toPhaseApiError(error: unknown): PhaseApiError {
  if (error instanceof PhaseApiError) return error;
  return new PhaseApiError(
    {
      type: 'about:blank',
      title: 'Unexpected error',
      status: 500,
      code: 'CK_INTERNAL',
      detail: error instanceof Error ? error.message : String(error),
    },
    { cause: error },
  );
}
