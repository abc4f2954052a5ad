/**
 * The registry's error catalogue. Every error a client can see has a stable `CK_...` code, an HTTP
 * status and a title; the detail names the offending value and how to fix it. The problem plugin
 * turns these into `application/problem+json`. `docs/errors.md` documents each code, and a test
 * keeps the two in sync.
 */
import type { FieldError } from '@coursekit/phase-sdk/contract';

export const ERROR_CATALOGUE = {
  CK_VALIDATION: { status: 400, title: 'The request is invalid' },
  CK_MALFORMED_JSON: { status: 400, title: 'The request body is not valid JSON' },
  CK_UNSUPPORTED_MEDIA_TYPE: { status: 415, title: 'Unsupported content type' },
  CK_PAYLOAD_TOO_LARGE: { status: 413, title: 'The request body is too large' },
  CK_UNAUTHENTICATED: { status: 401, title: 'Sign in first' },
  CK_FORBIDDEN: { status: 403, title: 'Not allowed' },
  CK_CSRF: { status: 403, title: 'Cross-site request refused' },
  CK_PHASE_DISABLED: { status: 403, title: 'The course phase is disabled' },
  CK_OIDC_FAILED: { status: 401, title: 'Sign-in with the identity provider failed' },
  CK_DEV_LOGIN_DISABLED: { status: 404, title: 'Dev login is disabled' },
  CK_UNKNOWN_USER: { status: 401, title: 'Unknown user' },
  CK_NOT_FOUND: { status: 404, title: 'Not found' },
  CK_ROUTE_NOT_FOUND: { status: 404, title: 'No such route' },
  CK_CONFLICT: { status: 409, title: 'Conflict' },
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
  CK_INTERNAL: { status: 500, title: 'Internal error' },
  CK_UNAVAILABLE: { status: 503, title: 'Service unavailable' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

export class AppError extends Error {
  override readonly name = 'AppError';
  readonly status: number;
  readonly title: string;

  constructor(
    readonly code: ErrorCode,
    detail: string,
    readonly errors?: FieldError[],
    /** Extra members of the problem body (e.g. `current` of a version conflict). */
    readonly extensions?: Record<string, unknown>,
  ) {
    super(detail);
    this.status = ERROR_CATALOGUE[code].status;
    this.title = ERROR_CATALOGUE[code].title;
  }
}

export const notFound = (what: string, id: string) =>
  new AppError('CK_NOT_FOUND', `${what} "${id}" does not exist.`);
export const forbidden = (detail: string) => new AppError('CK_FORBIDDEN', detail);
export const conflict = (detail: string) => new AppError('CK_CONFLICT', detail);
export const invalid = (detail: string, errors?: FieldError[]) =>
  new AppError('CK_VALIDATION', detail, errors);
