/**
 * `ProblemError`: an error a caller may see, carrying what its `application/problem+json` answer
 * says (a stable `CK_...` code, the HTTP status, a title, a detail that names what was received and
 * how to fix it, and the offending fields). Services throw them; the problem plugin answers them.
 * The helpers below cover the platform's common refusals.
 */
import type { FieldError, Problem } from '../../contract/index.js';

/** Most field errors an answer lists; the last entry then says how many more there were. */
export const MAX_PROBLEM_ERRORS = 100;
/** Longest detail an answer carries (a detail quotes what was received, which may be huge). */
export const MAX_PROBLEM_DETAIL = 2_000;

/** A list of `MAX_PROBLEM_ERRORS` at most, its last entry counting the ones left out. */
function boundedErrors(errors: FieldError[]): FieldError[] {
  if (errors.length <= MAX_PROBLEM_ERRORS) return errors;
  const left = errors.length - (MAX_PROBLEM_ERRORS - 1);
  return [
    ...errors.slice(0, MAX_PROBLEM_ERRORS - 1),
    { path: '(more)', message: `and ${left} more errors like these` },
  ];
}

export interface ProblemInit {
  code: string;
  status: number;
  title: string;
  /** What was received and how to fix it. */
  detail: string;
  /** The offending fields of an invalid request. */
  errors?: FieldError[] | undefined;
  /** Extra members of the problem body (e.g. `current` of a version conflict). */
  extensions?: Record<string, unknown> | undefined;
  cause?: unknown;
}

export class ProblemError extends Error {
  override readonly name: string = 'ProblemError';
  readonly code: string;
  readonly status: number;
  readonly title: string;
  readonly errors: FieldError[] | undefined;
  readonly extensions: Record<string, unknown> | undefined;

  constructor(init: ProblemInit) {
    super(init.detail, init.cause === undefined ? undefined : { cause: init.cause });
    this.code = init.code;
    this.status = init.status;
    this.title = init.title;
    this.errors = init.errors;
    this.extensions = init.extensions;
  }

  /**
   * The answer's body; `instance` is the request's path. However large the bad input, the body is
   * small: at most `MAX_PROBLEM_ERRORS` field errors and `MAX_PROBLEM_DETAIL` characters of detail.
   */
  toProblem(instance?: string): Problem {
    const detail =
      this.message.length > MAX_PROBLEM_DETAIL
        ? `${this.message.slice(0, MAX_PROBLEM_DETAIL - 1)}…`
        : this.message;
    return {
      type: `https://coursekit.dev/errors/${this.code}`,
      title: this.title,
      status: this.status,
      code: this.code,
      detail,
      ...(instance ? { instance } : {}),
      ...(this.errors?.length ? { errors: boundedErrors(this.errors) } : {}),
      ...this.extensions,
    };
  }
}
