/**
 * Why a phase server refused a request's token, as a status, a stable code and a readable reason.
 * It is a `ProblemError`, so the problem plugin answers it like any other refusal.
 */
import { PROBLEM_CONTENT_TYPE } from '../contract/index.js';
import type { ErrorEntry } from './problem/defineErrorCatalogue.js';
import { ProblemError } from './problem/ProblemError.js';

export type CoreAuthErrorCode =
  | 'CK_TOKEN_MISSING'
  | 'CK_TOKEN_INVALID'
  | 'CK_TOKEN_EXPIRED'
  | 'CK_TOKEN_NOT_YET_VALID'
  | 'CK_TOKEN_WRONG_AUDIENCE'
  | 'CK_TOKEN_WRONG_COURSE'
  | 'CK_TOKEN_WRONG_ROLE'
  | 'CK_CORE_UNREACHABLE';

const REFUSED = 'The phase token was refused';

/**
 * The token codes as catalogue entries: phase servers answer them, and so does the core's gateway,
 * which checks tokens before it forwards a request (its catalogue includes these).
 */
export const CORE_AUTH_ERRORS = {
  CK_TOKEN_MISSING: { status: 401, title: REFUSED },
  CK_TOKEN_INVALID: { status: 401, title: REFUSED },
  CK_TOKEN_EXPIRED: { status: 401, title: REFUSED },
  CK_TOKEN_NOT_YET_VALID: { status: 401, title: REFUSED },
  CK_TOKEN_WRONG_AUDIENCE: { status: 403, title: 'Not allowed' },
  CK_TOKEN_WRONG_COURSE: { status: 403, title: 'Not allowed' },
  CK_TOKEN_WRONG_ROLE: { status: 403, title: 'Not allowed' },
  CK_CORE_UNREACHABLE: { status: 503, title: 'Core unreachable' },
} as const satisfies Record<CoreAuthErrorCode, ErrorEntry>;

export class CoreAuthError extends ProblemError {
  override readonly name = 'CoreAuthError';
  declare readonly code: CoreAuthErrorCode;

  constructor(code: CoreAuthErrorCode, message: string, options?: { cause?: unknown }) {
    super({ code, ...CORE_AUTH_ERRORS[code], detail: message, ...options });
  }

  static readonly contentType = PROBLEM_CONTENT_TYPE;
}
