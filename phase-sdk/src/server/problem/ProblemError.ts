/**
 * `ProblemError`: an error a caller may see, carrying what its `application/problem+json` answer
 * says (a stable `CK_...` code, the HTTP status, a title, a detail that names what was received and
 * how to fix it, and the offending fields). Services throw them; the problem plugin answers them.
 * The helpers below cover the platform's common refusals.
 */
import type { FieldError, Problem } from '../../contract/index.js';

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

  /** The answer's body; `instance` is the request's path. */
  toProblem(instance?: string): Problem {
    return {
      type: `https://coursekit.dev/errors/${this.code}`,
      title: this.title,
      status: this.status,
      code: this.code,
      detail: this.message,
      ...(instance ? { instance } : {}),
      ...(this.errors?.length ? { errors: this.errors } : {}),
      ...this.extensions,
    };
  }
}
