/**
 * Builds the PhaseContext a phase gets: the phase's whole view of the core, from the session
 * (`/api/me`) and the resolve answer. Pure, so that what a phase sees is easy to test.
 */
import type { Me, ResolvedCourse, ResolvedPhase } from '@coursekit/phase-sdk/contract';
import type { PhaseContextValue, PhaseNotification } from '@coursekit/phase-sdk/react';
import type { PhaseApi } from './PhaseApis';

/** `/courses/<courseId>/<coursePhaseId>`: where a course phase renders its own routes. */
export function phaseBasePath(courseId: string, coursePhaseId: string): string {
  return `/courses/${encodeURIComponent(courseId)}/${encodeURIComponent(coursePhaseId)}`;
}

/**
 * A path inside the phase as an absolute path of the app.
 *
 * @example
 * resolveWithinPhase('/courses/c/p', 'teams/3') // '/courses/c/p/teams/3'
 * resolveWithinPhase('/courses/c/p', '/')       // '/courses/c/p'
 * resolveWithinPhase('/courses/c/p', '?tab=2')  // '/courses/c/p?tab=2'
 */
export function resolveWithinPhase(basePath: string, to: string): string {
  const rest = to.replace(/^\/+/, '');
  if (rest === '') return basePath;
  if (rest.startsWith('?') || rest.startsWith('#')) return `${basePath}${rest}`;
  return `${basePath}/${rest}`;
}

export interface PhaseContextInput {
  me: Me;
  resolved: ResolvedCourse;
  phase: ResolvedPhase;
  /** The router's navigate, with absolute paths. */
  navigate: (path: string) => void;
  notify: (notification: PhaseNotification) => void;
  /** The phase's token, gateway fetch and storage client (see `PhaseApis`). */
  api: PhaseApi;
}

export function createPhaseContextValue(input: PhaseContextInput): PhaseContextValue {
  const { me, resolved, phase, navigate, notify, api } = input;
  const basePath = phaseBasePath(resolved.course.id, phase.coursePhaseId);
  return {
    user: me.user,
    role: resolved.role,
    course: {
      id: resolved.course.id,
      slug: resolved.course.slug,
      title: resolved.course.title,
      term: resolved.course.term,
    },
    coursePhase: {
      id: phase.coursePhaseId,
      phase: phase.phase,
      title: phase.title,
      version: phase.version,
      config: phase.config,
    },
    basePath,
    navigate: (to) => navigate(resolveWithinPhase(basePath, to)),
    notify,
    getToken: api.getToken,
    apiFetch: api.apiFetch,
    storage: api.storage,
  };
}
