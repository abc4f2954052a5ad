/**
 * Error catalogues: every server's errors are a table of stable `CK_...` codes with their HTTP
 * status and title. The platform's own entries (invalid input, not found, conflict, …) are in every
 * catalogue, answered the same way by the registry and by every phase server; a server adds its own
 * codes with `defineErrorCatalogue` and throws them with `catalogue.error(...)`. Documentation
 * tests read `entries`.
 */
import type { FieldError } from '../../contract/index.js';
import { ProblemError } from './ProblemError.js';

export interface ErrorEntry {
  status: number;
  title: string;
}

/** The codes the kit itself answers with (its problem plugin maps Fastify's errors onto them). */
export const PLATFORM_ERRORS = {
  CK_VALIDATION: { status: 400, title: 'The request is invalid' },
  CK_BAD_REQUEST: { status: 400, title: 'The request is malformed' },
  CK_MALFORMED_JSON: { status: 400, title: 'The request body is not valid JSON' },
  CK_UNSUPPORTED_MEDIA_TYPE: { status: 415, title: 'Unsupported content type' },
  CK_PAYLOAD_TOO_LARGE: { status: 413, title: 'The request body is too large' },
  CK_URI_TOO_LONG: { status: 414, title: 'The URL is too long' },
  CK_HEADERS_TOO_LARGE: { status: 431, title: 'The request headers are too large' },
  CK_REQUEST_TIMEOUT: { status: 408, title: 'The request took too long to arrive' },
  CK_FORBIDDEN: { status: 403, title: 'Not allowed' },
  CK_NOT_FOUND: { status: 404, title: 'Not found' },
  CK_ROUTE_NOT_FOUND: { status: 404, title: 'No such route' },
  CK_METHOD_NOT_ALLOWED: { status: 405, title: 'Method not allowed' },
  CK_CONFLICT: { status: 409, title: 'Conflict' },
  CK_INTERNAL: { status: 500, title: 'Internal error' },
  CK_UNAVAILABLE: { status: 503, title: 'Service unavailable' },
} as const satisfies Record<string, ErrorEntry>;

export type PlatformErrorCode = keyof typeof PLATFORM_ERRORS;

export interface ProblemExtras {
  errors?: FieldError[] | undefined;
  extensions?: Record<string, unknown> | undefined;
  cause?: unknown;
}

export interface ErrorCatalogue<Code extends string> {
  /** Every code with its status and title: the platform's and the server's own. */
  readonly entries: Readonly<Record<Code, ErrorEntry>>;
  /** The error for `code`, to throw; `detail` says what was received and how to fix it. */
  error(code: Code, detail: string, extras?: ProblemExtras): ProblemError;
}

/** The codes of a catalogue made by `defineErrorCatalogue`. */
export type ErrorCodeOf<C> = C extends ErrorCatalogue<infer Code> ? Code : never;

const CODE = /^CK_[A-Z0-9_]+$/;

/**
 * @example
 * export const errors = defineErrorCatalogue({
 *   CK_TOPIC_FULL: { status: 409, title: 'The topic is full' },
 * });
 * throw errors.error('CK_TOPIC_FULL', `"${topic.title}" has no place left; pick another topic.`);
 */
export function defineErrorCatalogue<const Own extends Record<string, ErrorEntry>>(
  own: Own,
): ErrorCatalogue<PlatformErrorCode | Extract<keyof Own, string>> {
  for (const [code, entry] of Object.entries(own)) {
    if (!CODE.test(code)) {
      throw new Error(`Bug in the error catalogue: "${code}" must look like CK_SOMETHING.`);
    }
    if (!(Number.isInteger(entry.status) && entry.status >= 400 && entry.status <= 599)) {
      throw new Error(`Bug in the error catalogue: ${code} needs a 4xx or 5xx status.`);
    }
    const platform = (PLATFORM_ERRORS as Record<string, ErrorEntry>)[code];
    if (platform && platform.status !== entry.status) {
      throw new Error(
        `Bug in the error catalogue: ${code} is a platform code with status ${platform.status}; pick another code.`,
      );
    }
  }
  type Code = PlatformErrorCode | Extract<keyof Own, string>;
  const entries = Object.freeze({ ...PLATFORM_ERRORS, ...own }) as Record<Code, ErrorEntry>;
  return {
    entries,
    error: (code, detail, extras = {}) =>
      new ProblemError({ code, ...entries[code], detail, ...extras }),
  };
}

/** The platform's catalogue, for the helpers below and for servers without codes of their own. */
export const platformErrors = defineErrorCatalogue({});

/** `Note "…" does not exist.` (404 `CK_NOT_FOUND`). */
export const notFound = (what: string, id: string) =>
  platformErrors.error('CK_NOT_FOUND', `${what} "${id}" does not exist.`);
/** 403 `CK_FORBIDDEN`; say who may do it. */
export const forbidden = (detail: string) => platformErrors.error('CK_FORBIDDEN', detail);
/** 409 `CK_CONFLICT`; say what collides. */
export const conflict = (detail: string) => platformErrors.error('CK_CONFLICT', detail);
/** 400 `CK_VALIDATION`, naming each offending field. */
export const invalid = (detail: string, errors?: FieldError[]) =>
  platformErrors.error('CK_VALIDATION', detail, { errors });
