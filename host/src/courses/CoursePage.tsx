/**
 * `/courses/:courseId`: the course title, its phases as navigation, and the selected phase below.
 * Hovering or focusing a phase link starts loading that phase's module, before the click.
 */
import type { ResolvedCourse } from '@coursekit/phase-sdk/contract';
import { useQuery } from '@tanstack/react-query';
import { Link, NavLink, Outlet, useOutletContext, useParams } from 'react-router';
import { useAppServices } from '../app/AppServices';
import { ErrorState } from '../app/ErrorState';
import { LoadingState } from '../app/LoadingState';
import { resolvedCourseQuery } from './courseQueries';

export function CoursePage() {
  const { courseId = '' } = useParams();
  const { core, phaseLoader } = useAppServices();
  const resolved = useQuery(resolvedCourseQuery(core, courseId));

  if (resolved.isPending) return <LoadingState>Loading course…</LoadingState>;
  if (resolved.isError) {
    return (
      <ErrorState
        title="This course could not be loaded."
        error={resolved.error}
        onRetry={() => void resolved.refetch()}
      >
        <Link to="/courses">Back to your courses</Link>
      </ErrorState>
    );
  }

  const { course, phases } = resolved.data;
  const preload = (index: number) => {
    const phase = phases[index];
    if (phase) phaseLoader.load(phase).catch(() => undefined);
  };
  return (
    <div className="ck-course">
      <header className="ck-course-header">
        <h1>{course.title}</h1>
        {course.term ? <p className="ck-muted">{course.term}</p> : null}
      </header>
      <div className="ck-course-body">
        {phases.length > 0 ? (
          <nav aria-label="Course phases" className="ck-phase-nav">
            <ol>
              {phases.map((phase, index) => (
                <li key={phase.coursePhaseId}>
                  <NavLink
                    to={`/courses/${course.id}/${phase.coursePhaseId}`}
                    onMouseEnter={() => preload(index)}
                    onFocus={() => preload(index)}
                  >
                    {phase.title}
                  </NavLink>
                </li>
              ))}
            </ol>
          </nav>
        ) : null}
        <div className="ck-course-content">
          <Outlet context={resolved.data} />
        </div>
      </div>
    </div>
  );
}

/** The resolve answer, for the routes below the course page. */
export function useResolvedCourse(): ResolvedCourse {
  return useOutletContext<ResolvedCourse>();
}
