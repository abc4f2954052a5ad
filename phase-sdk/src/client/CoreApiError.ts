/** A failed call to the core (or a phase server), carrying the problem+json body it answered. */
import { Problem } from '../contract/index.js';

export class CoreApiError extends Error {
  override readonly name = 'CoreApiError';
  constructor(
    readonly status: number,
    readonly problem: Problem,
    /**
     * The whole parsed body, extension members included (`problem` keeps only the standard
     * ones): e.g. `current` of a `CK_VERSION_CONFLICT`.
     */
    readonly body: unknown = problem,
  ) {
    super(problem.detail ?? problem.title);
  }

  get code(): string {
    return this.problem.code;
  }

  /** Read a non-2xx response into an error, whatever its body. */
  static async fromResponse(response: Response): Promise<CoreApiError> {
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      body = undefined;
    }
    const parsed = Problem.safeParse(body);
    if (parsed.success) return new CoreApiError(response.status, parsed.data, body);
    return new CoreApiError(response.status, {
      type: 'about:blank',
      title: response.statusText || `HTTP ${response.status}`,
      status: response.status >= 400 && response.status <= 599 ? response.status : 500,
      code: 'CK_UNEXPECTED_RESPONSE',
      detail: `${response.url || 'The server'} answered ${response.status} without a problem+json body.`,
    });
  }
}

/** The server could not be reached at all (network down, DNS, CORS). */
export class CoreNetworkError extends Error {
  override readonly name = 'CoreNetworkError';
  constructor(
    readonly url: string,
    options?: { cause?: unknown },
  ) {
    super(`Could not reach ${url}: check your connection and try again.`, options);
  }
}
