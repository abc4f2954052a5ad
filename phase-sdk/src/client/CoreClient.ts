/**
 * A typed client of the registry's HTTP API, in plain TypeScript (no React): the host and the test
 * kit use it, and the React hooks wrap it. Every answer is validated with the contract's schemas.
 */
import type { z } from 'zod';
import {
  type AuthConfig,
  AuthConfig as AuthConfigSchema,
  type Course,
  Course as CourseSchema,
  type Me,
  Me as MeSchema,
  type PhaseOverride,
  PhaseOverride as PhaseOverrideSchema,
  type PhaseToken,
  PhaseToken as PhaseTokenSchema,
  type ResolvedCourse,
  ResolvedCourse as ResolvedCourseSchema,
} from '../contract/index.js';
import { CoreApiError, CoreNetworkError } from './CoreApiError.js';

/** Header the registry requires on every state-changing request; a cross-site form cannot send it. */
export const CSRF_HEADER = 'x-coursekit-csrf';

export interface CoreClientOptions {
  /** Origin of the registry; `''` (the default) means the page's own origin. */
  baseUrl?: string;
  fetch?: typeof fetch;
}

export class CoreClient {
  readonly baseUrl: string;
  private readonly fetchImpl: typeof fetch;

  constructor(options: CoreClientOptions = {}) {
    this.baseUrl = options.baseUrl ?? '';
    this.fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  }

  /** Send a request and validate the JSON answer with `schema`; non-2xx throws `CoreApiError`. */
  async request<S extends z.ZodType>(
    path: string,
    schema: S | null,
    init: RequestInit & { json?: unknown } = {},
  ): Promise<z.infer<S>> {
    const { json, headers, ...rest } = init;
    const url = `${this.baseUrl}${path}`;
    let response: Response;
    try {
      response = await this.fetchImpl(url, {
        credentials: 'include',
        ...rest,
        headers: {
          accept: 'application/json',
          // The registry refuses state-changing requests without it (CSRF protection).
          [CSRF_HEADER]: '1',
          ...(json === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        ...(json === undefined ? {} : { body: JSON.stringify(json) }),
      });
    } catch (cause) {
      throw new CoreNetworkError(url, { cause });
    }
    if (!response.ok) throw await CoreApiError.fromResponse(response);
    if (schema === null || response.status === 204) return undefined as z.infer<S>;
    return schema.parse(await response.json());
  }

  /** The signed-in user, or `null` when nobody is signed in. */
  async me(): Promise<Me | null> {
    try {
      return await this.request('/api/me', MeSchema);
    } catch (error) {
      if (error instanceof CoreApiError && error.status === 401) return null;
      throw error;
    }
  }

  /**
   * How users sign in here. In `oidc` mode `loginUrl` is already prefixed with `baseUrl`, ready
   * for a full-page navigation, e.g.
   * `location.assign(config.loginUrl + '?returnTo=' + encodeURIComponent('/courses'))`.
   */
  async authConfig(): Promise<AuthConfig> {
    const config = await this.request('/api/auth/config', AuthConfigSchema);
    return config.loginUrl === null
      ? config
      : { ...config, loginUrl: `${this.baseUrl}${config.loginUrl}` };
  }

  devLogin(email: string): Promise<Me> {
    return this.request('/api/auth/dev-login', MeSchema, { method: 'POST', json: { email } });
  }

  async logout(): Promise<void> {
    await this.request('/api/auth/logout', null, { method: 'POST' });
  }

  courses(): Promise<Course[]> {
    return this.request('/api/courses', CourseSchema.array());
  }

  /** A short-lived token for one course phase (members only; see `PhaseTokenManager`). */
  phaseToken(coursePhaseId: string): Promise<PhaseToken> {
    return this.request(
      `/api/course-phases/${encodeURIComponent(coursePhaseId)}/token`,
      PhaseTokenSchema,
      {
        method: 'POST',
      },
    );
  }

  /** The phases this sign-in loads from a developer's own build (admins and developers). */
  phaseOverrides(): Promise<PhaseOverride[]> {
    return this.request('/api/me/phase-overrides', PhaseOverrideSchema.array());
  }

  /**
   * Load `phase` from the build at `descriptorUrl` in this sign-in's browser; the registry checks
   * the build first and refuses users without the `overridePhases` permission.
   *
   * @example
   * await core.setPhaseOverride('intro-course', 'http://localhost:4101/phase.json');
   */
  setPhaseOverride(phase: string, descriptorUrl: string): Promise<PhaseOverride> {
    return this.request(
      `/api/me/phase-overrides/${encodeURIComponent(phase)}`,
      PhaseOverrideSchema,
      { method: 'PUT', json: { descriptorUrl } },
    );
  }

  /** Load the registered version of `phase` again. */
  async clearPhaseOverride(phase: string): Promise<void> {
    await this.request(`/api/me/phase-overrides/${encodeURIComponent(phase)}`, null, {
      method: 'DELETE',
    });
  }

  /** The ordered, enabled phases of a course with where to load each remote from. */
  resolveCourse(courseId: string): Promise<ResolvedCourse> {
    return this.request(
      `/api/courses/${encodeURIComponent(courseId)}/phases`,
      ResolvedCourseSchema,
    );
  }
}
