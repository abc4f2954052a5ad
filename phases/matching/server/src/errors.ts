/**
 * The server's error catalogue. Every error a caller can see has a stable `CK_...` code, an HTTP
 * status and a title; the detail names what was received and how to fix it. The problem plugin
 * turns them into `application/problem+json`. Token refusals (`CK_TOKEN_*`) come from the SDK's
 * `coreAuthPlugin` in the same format.
 */
import type { FieldError } from '@coursekit/phase-sdk/contract';

export const ERROR_CATALOGUE = {
  CK_VALIDATION: { status: 400, title: 'The request is invalid' },
  CK_MALFORMED_JSON: { status: 400, title: 'The request body is not valid JSON' },
  CK_FORBIDDEN: { status: 403, title: 'Not allowed' },
  CK_NOT_FOUND: { status: 404, title: 'Not found' },
  CK_ROUTE_NOT_FOUND: { status: 404, title: 'No such route' },
  CK_CONFLICT: { status: 409, title: 'Conflict' },
  CK_PAYLOAD_TOO_LARGE: { status: 413, title: 'The request body is too large' },
  CK_UNSUPPORTED_MEDIA_TYPE: { status: 415, title: 'Unsupported content type' },
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
  ) {
    super(detail);
    this.status = ERROR_CATALOGUE[code].status;
    this.title = ERROR_CATALOGUE[code].title;
  }
}

export const notFound = (what: string, id: string) =>
  new AppError('CK_NOT_FOUND', `${what} "${id}" does not exist in this course phase.`);
export const forbidden = (detail: string) => new AppError('CK_FORBIDDEN', detail);
export const conflict = (detail: string) => new AppError('CK_CONFLICT', detail);
export const invalid = (detail: string, errors?: FieldError[]) =>
  new AppError('CK_VALIDATION', detail, errors);
