/**
 * Query keys of a phase server's answers in the host's (shared) QueryClient: every key starts with
 * `['coursekit', 'phase-api', coursePhaseId]`, then the route's method and path and the call's
 * input, so that two components asking the same route share one cache entry and a change can
 * invalidate this course phase's answers at once (and no other phase's).
 */
import type { RouteContract } from '../contract/index.js';

export const phaseApiQueryKeys = {
  /** Every answer of this course phase's server. */
  all: (coursePhaseId: string) => ['coursekit', 'phase-api', coursePhaseId] as const,

  /** Every answer of one route (all inputs). */
  route: (coursePhaseId: string, route: RouteContract) =>
    [...phaseApiQueryKeys.all(coursePhaseId), route.method, route.path] as const,

  /** One call. */
  call: (coursePhaseId: string, route: RouteContract, input: unknown) =>
    [...phaseApiQueryKeys.route(coursePhaseId, route), input ?? {}] as const,
};
