/**
 * `/courses/:courseId/:coursePhaseId/*`: one course phase, inside its own PhaseBoundary and with
 * the PhaseContext the host gives it. The phase renders its own routes below this one.
 */
import { useMemo } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useAppServices } from '../app/AppServices';
import { useSignedInMe } from '../auth/useSession';
import { createPhaseContextValue } from '../phases/createPhaseContextValue';
import { PhaseBoundary } from '../phases/PhaseBoundary';
import { PhaseLoadError } from '../phases/PhaseLoadError';
import { PhaseMount } from '../phases/PhaseMount';
import { useResolvedCourse } from './CoursePage';

export function CoursePhasePage() {
  const { coursePhaseId } = useParams();
  const resolved = useResolvedCourse();
  const me = useSignedInMe();
  const navigate = useNavigate();
  const { phaseLoader, phaseApis, notifications } = useAppServices();
  const phase = resolved.phases.find((candidate) => candidate.coursePhaseId === coursePhaseId);

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
        <p>This phase is not part of the course, or it is not enabled.</p>
        <Link to={`/courses/${resolved.course.id}`}>Open the course</Link>
      </div>
    );
  }

  return (
    <div className="ck-phase" data-testid="phase-outlet">
      <PhaseBoundary
        key={phase.coursePhaseId}
        phaseTitle={phase.title}
        onRetry={(error) => {
          if (error instanceof PhaseLoadError) phaseLoader.retry(phase).catch(() => undefined);
        }}
      >
        <PhaseMount phase={phase} context={context} />
      </PhaseBoundary>
    </div>
  );
}
