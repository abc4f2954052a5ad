/**
 * Starts loading a course phase's module as soon as its route matches (called from the router
 * loader, which does not wait for it): the download runs while the shell and the course render.
 * Errors are left to the page, which shows them.
 */
import type { AppServices } from '../app/AppServices';
import { resolvedCourseQuery } from '../courses/courseQueries';

export function startPhaseLoad(
  services: Pick<AppServices, 'core' | 'queryClient' | 'phaseLoader'>,
  courseId: string,
  coursePhaseId: string,
): void {
  const { core, queryClient, phaseLoader } = services;
  queryClient
    .ensureQueryData(resolvedCourseQuery(core, courseId))
    .then((resolved) => {
      const phase = resolved.phases.find((candidate) => candidate.coursePhaseId === coursePhaseId);
      return phase ? phaseLoader.load(phase) : undefined;
    })
    .catch(() => undefined);
}
