/**
 * `/courses/:courseId/:coursePhaseId/*`: one course phase, inside its own PhaseBoundary and with
 * the PhaseContext the host gives it. The phase renders its own routes below this one.
 *
 * The phase keeps the version it was opened with until the next navigation: a pin changed while
 * someone works in the phase (seen by revalidating the resolve answer on focus) never swaps the
 * code under their hands, and the next navigation loads the new version, without a page reload.
 */
import type { ResolvedPhase } from '@coursekit/phase-sdk/contract';
import { useMemo, useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { useAppServices } from '../app/AppServices';
import { useDocumentTitle } from '../app/useDocumentTitle';
import { useSignedInMe } from '../auth/useSession';
import { createPhaseContextValue } from '../phases/createPhaseContextValue';
import { PhaseBoundary } from '../phases/PhaseBoundary';
import { PhaseMount } from '../phases/PhaseMount';
import { useResolvedCourse } from './CoursePage';

/** The resolved phase as of the last navigation. */
function usePhaseAsOfNavigation(latest: ResolvedPhase | undefined): ResolvedPhase | undefined {
  const { key } = useLocation();
  const [opened, setOpened] = useState({ key, phase: latest });
  const stale = opened.key !== key || (opened.phase === undefined) !== (latest === undefined);
  if (stale) setOpened({ key, phase: latest });
  return stale ? latest : opened.phase;
}

export function CoursePhasePage() {
  const { coursePhaseId } = useParams();
  const resolved = useResolvedCourse();
  const me = useSignedInMe();
  const navigate = useNavigate();
  const { phaseLoader, phaseApis, notifications } = useAppServices();
  const phase = usePhaseAsOfNavigation(
    resolved.phases.find((candidate) => candidate.coursePhaseId === coursePhaseId),
  );
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
      <PhaseBoundary
        key={phase.coursePhaseId}
        phase={phase}
        onRetry={() => void phaseLoader.reload(phase).catch(() => undefined)}
      >
        <PhaseMount phase={phase} context={context} />
      </PhaseBoundary>
    </div>
  );
}
