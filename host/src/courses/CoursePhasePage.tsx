/**
 * `/courses/:courseId/:coursePhaseId/*`: one course phase, inside its own PhaseBoundary and with
 * the PhaseContext the host gives it. The phase renders its own routes below this one.
 *
 * The phase keeps the version it was opened with until the next navigation: a pin changed while
 * someone works in the phase (seen by revalidating the resolve answer on focus) never swaps the
 * code under their hands, and the next navigation loads the new version, without a page reload.
 * Retry after a failure is such a moment too: it reads the course again first, so that a fixed
 * version an administrator pinned meanwhile is the one it loads. And a phase whose module could
 * not be loaded (nothing of it runs) takes another version as soon as the resolve answer names
 * one, even where retrying cannot help (a phase built for another SDK line).
 */
import type { ResolvedPhase } from '@coursekit/phase-sdk/contract';
import { useCallback, useMemo, useState, useSyncExternalStore } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { useAppServices } from '../app/AppServices';
import { useDocumentTitle } from '../app/useDocumentTitle';
import { useSignedInMe } from '../auth/useSession';
import { createPhaseContextValue } from '../phases/createPhaseContextValue';
import { PhaseBoundary } from '../phases/PhaseBoundary';
import { PhaseMount } from '../phases/PhaseMount';
import { PhaseServerNotice } from '../phases/PhaseServerNotice';
import { useResolvedCourse } from './CoursePage';
import { resolvedCourseQuery } from './courseQueries';

/** Whether the phase's module failed to load: nothing of it runs, so another version may replace it. */
function useLoadFailed(phase: ResolvedPhase | undefined): boolean {
  const { phaseLoader } = useAppServices();
  return useSyncExternalStore(
    phaseLoader.subscribe,
    () => phase !== undefined && phaseLoader.getState(phase).status === 'failed',
  );
}

/** The resolved phase as of the last navigation, and how to open another answer's phase now. */
function usePhaseAsOfNavigation(
  latest: ResolvedPhase | undefined,
): [ResolvedPhase | undefined, (phase: ResolvedPhase) => void] {
  const { key } = useLocation();
  const [opened, setOpened] = useState({ key, phase: latest });
  const failed = useLoadFailed(opened.phase);
  const replaced =
    failed && latest !== undefined && opened.phase?.remote.entry !== latest.remote.entry;
  const stale =
    opened.key !== key || (opened.phase === undefined) !== (latest === undefined) || replaced;
  if (stale) setOpened({ key, phase: latest });
  const open = useCallback((phase: ResolvedPhase) => setOpened({ key, phase }), [key]);
  return [stale ? latest : opened.phase, open];
}

export function CoursePhasePage() {
  const { coursePhaseId } = useParams();
  const resolved = useResolvedCourse();
  const me = useSignedInMe();
  const navigate = useNavigate();
  const { core, queryClient, phaseLoader, phaseApis, notifications } = useAppServices();
  const [phase, openPhase] = usePhaseAsOfNavigation(
    resolved.phases.find((candidate) => candidate.coursePhaseId === coursePhaseId),
  );
  const courseId = resolved.course.id;

  /** Retry: the course as the registry has it now (a fixed version may be pinned), loaded afresh. */
  const retry = useCallback(async () => {
    const query = resolvedCourseQuery(core, courseId);
    const answer = await queryClient
      .fetchQuery(query)
      .catch(() => queryClient.getQueryData(query.queryKey));
    const current =
      answer?.phases.find((candidate) => candidate.coursePhaseId === coursePhaseId) ?? phase;
    if (!current) return;
    openPhase(current);
    phaseLoader.reload(current).catch(() => undefined);
  }, [core, queryClient, courseId, coursePhaseId, phase, openPhase, phaseLoader]);
  useDocumentTitle(phase?.title ?? 'Phase not found', resolved.course.title);

  const context = useMemo(
    () =>
      phase
        ? createPhaseContextValue({
            me,
            resolved,
            phase,
            navigate: (path) => void navigate(path),
            notify: notifications.notify,
            api: phaseApis.for(phase),
          })
        : null,
    [me, resolved, phase, navigate, notifications, phaseApis],
  );

  if (!phase || !context) {
    return (
      <div className="ck-empty">
        <h2>Phase not found</h2>
        <p>This phase is not part of the course, or it is not enabled.</p>
        <Link to={`/courses/${resolved.course.id}`}>Open the course</Link>
      </div>
    );
  }

  return (
    <div className="ck-phase" data-testid="phase-outlet">
      <PhaseServerNotice coursePhaseId={phase.coursePhaseId} phase={phase} />
      <PhaseBoundary key={phase.coursePhaseId} phase={phase} onRetry={retry}>
        <PhaseMount phase={phase} context={context} onRetry={retry} />
      </PhaseBoundary>
    </div>
  );
}
