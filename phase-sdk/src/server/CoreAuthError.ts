/** Why a phase server refused a request's token, as a status, a stable code and a readable reason. */
import { PROBLEM_CONTENT_TYPE, type Problem } from '../contract/index.js';

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

export class CoreAuthError extends Error {
  override readonly name = 'CoreAuthError';
  readonly status: number;

  constructor(
    readonly code: CoreAuthErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.status = STATUS[code];
  }

  toProblem(instance?: string): Problem {
    return {
      type: `https://coursekit.dev/errors/${this.code}`,
      title:
        this.status === 401
          ? 'The phase token was refused'
          : this.status === 403
            ? 'Not allowed'
            : 'Core unreachable',
      status: this.status,
      code: this.code,
      detail: this.message,
      ...(instance ? { instance } : {}),
    };
  }

  static readonly contentType = PROBLEM_CONTENT_TYPE;
}
