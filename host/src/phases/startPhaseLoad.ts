/**
 * Runs when a course phase's route matches (from the router loader): revalidates the resolve
 * answer and starts loading the phase's module while the shell and the course render. When the
 * answer is already known (a navigation inside the app), it waits a moment for the revalidation
 * so that a changed version is what this navigation opens; on the first visit it waits for
 * nothing, and in the meantime the files of the phase as it is known already start downloading.
 * A phase whose last load failed is loaded again. Errors are left to the page.
 */
import type { AppServices } from '../app/AppServices';
import { resolvedCourseQuery } from '../courses/courseQueries';
import { applyLoadPolicy } from './applyLoadPolicy';

/** How long a navigation may wait for the revalidated resolve answer (usually a 304). */
export const REVALIDATION_WAIT_MS = 1_000;

export async function startPhaseLoad(
  services: Pick<AppServices, 'core' | 'queryClient' | 'phaseLoader' | 'phaseRecovery'>,
  courseId: string,
  coursePhaseId: string,
): Promise<void> {
  const { core, queryClient, phaseLoader } = services;
  const query = resolvedCourseQuery(core, courseId);
  const known = queryClient.getQueryData(query.queryKey);
  const revalidated = queryClient.fetchQuery(query);
  const knownPhase = known?.phases.find((candidate) => candidate.coursePhaseId === coursePhaseId);
  if (knownPhase) phaseLoader.preload(knownPhase);
  const answer = revalidated.catch(() => queryClient.getQueryData(query.queryKey));
  void answer.then((resolved) => {
    const phase = resolved?.phases.find((candidate) => candidate.coursePhaseId === coursePhaseId);
    applyLoadPolicy(services, resolved?.loading);
    if (phase) phaseLoader.load(phase).catch(() => undefined);
  });
  if (!known) return;
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([
    answer,
    new Promise((resolve) => {
      timer = setTimeout(resolve, REVALIDATION_WAIT_MS);
    }),
  ]);
  clearTimeout(timer);
}
