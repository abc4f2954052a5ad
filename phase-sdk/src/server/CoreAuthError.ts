/**
 * Why a phase server refused a request's token, as a status, a stable code and a readable reason.
 * It is a `ProblemError`, so the problem plugin answers it like any other refusal.
 */
import { PROBLEM_CONTENT_TYPE } from '../contract/index.js';
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

const STATUS: Record<CoreAuthErrorCode, number> = {
  CK_TOKEN_MISSING: 401,
  CK_TOKEN_INVALID: 401,
  CK_TOKEN_EXPIRED: 401,
  CK_TOKEN_NOT_YET_VALID: 401,
  CK_TOKEN_WRONG_AUDIENCE: 403,
  CK_TOKEN_WRONG_COURSE: 403,
  CK_TOKEN_WRONG_ROLE: 403,
  CK_CORE_UNREACHABLE: 503,
};

const TITLE: Record<number, string> = {
  401: 'The phase token was refused',
  403: 'Not allowed',
  503: 'Core unreachable',
};

export class CoreAuthError extends ProblemError {
  override readonly name = 'CoreAuthError';
  declare readonly code: CoreAuthErrorCode;

  constructor(code: CoreAuthErrorCode, message: string, options?: { cause?: unknown }) {
    const status = STATUS[code];
    super({ code, status, title: TITLE[status] ?? 'Not allowed', detail: message, ...options });
  }

  static readonly contentType = PROBLEM_CONTENT_TYPE;
}
