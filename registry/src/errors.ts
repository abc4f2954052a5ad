/**
 * The registry's error catalogue: the platform's codes (from the SDK, shared with every phase
 * server) and the registry's own. Every error a client can see has a stable `CK_...` code, an HTTP
 * status and a title; the detail names the offending value and how to fix it. The SDK's problem
 * plugin turns these into `application/problem+json`. `docs/errors.md` documents each code, and a
 * test keeps the two in sync.
 */
import type { FieldError } from '@coursekit/phase-sdk/contract';
import {
  CORE_AUTH_ERRORS,
  defineErrorCatalogue,
  type ErrorCodeOf,
  ProblemError,
} from '@coursekit/phase-sdk/server';

export const ERROR_CATALOGUE = defineErrorCatalogue({
  // The gateway checks phase tokens as phase servers do, with the same codes.
  ...CORE_AUTH_ERRORS,
  CK_UNAUTHENTICATED: { status: 401, title: 'Sign in first' },
  CK_CSRF: { status: 403, title: 'Cross-site request refused' },
  CK_PHASE_DISABLED: { status: 403, title: 'The course phase is disabled' },
  CK_OIDC_FAILED: { status: 401, title: 'Sign-in with the identity provider failed' },
  CK_DEV_LOGIN_DISABLED: { status: 404, title: 'Dev login is disabled' },
  CK_UNKNOWN_USER: { status: 401, title: 'Unknown user' },
  CK_VERSION_CONFLICT: { status: 409, title: 'The document changed since it was read' },
  CK_ROTATION_PENDING: { status: 409, title: 'A signing key rotation is already pending' },
  CK_COMPOSITION_CONFLICT: {
    status: 409,
    title: "The course's composition changed since it was read",
  },
  CK_PRECONDITION_REQUIRED: { status: 428, title: 'If-Match is required' },
  CK_PHASE_DESCRIPTOR_INVALID: { status: 422, title: 'The phase descriptor was rejected' },
  CK_PHASE_INTEGRITY_MISMATCH: {
    status: 422,
    title: 'Files of the phase build do not match its phase.json',
  },
  CK_NO_PHASE_VERSION: { status: 422, title: 'No usable phase version' },
  CK_NO_PHASE_SERVER: { status: 404, title: 'The phase has no server' },
  CK_PHASE_SERVER_UNREACHABLE: { status: 502, title: 'The phase server is unreachable' },
  CK_PHASE_SERVER_TIMEOUT: { status: 504, title: 'The phase server did not answer in time' },
  CK_RATE_LIMITED: { status: 429, title: 'Too many attempts' },
  CK_API_TOKEN_INVALID: { status: 401, title: 'The API token is unknown, revoked or expired' },
  CK_NOT_PUBLISHER: { status: 403, title: 'Not allowed to publish this phase' },
});

export type ErrorCode = ErrorCodeOf<typeof ERROR_CATALOGUE>;

/** An error of the registry's catalogue. */
export class AppError extends ProblemError {
  override readonly name = 'AppError';

  constructor(
    code: ErrorCode,
    detail: string,
    errors?: FieldError[],
    /** Extra members of the problem body (e.g. `current` of a version conflict). */
    extensions?: Record<string, unknown>,
  ) {
    super({ code, ...ERROR_CATALOGUE.entries[code], detail, errors, extensions });
  }
}

export const notFound = (what: string, id: string) =>
  new AppError('CK_NOT_FOUND', `${what} "${id}" does not exist.`);
export const forbidden = (detail: string) => new AppError('CK_FORBIDDEN', detail);
export const conflict = (detail: string) => new AppError('CK_CONFLICT', detail);
export const invalid = (detail: string, errors?: FieldError[]) =>
  new AppError('CK_VALIDATION', detail, errors);
