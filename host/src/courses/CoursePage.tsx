/**
 * `/courses/:courseId`: the course title, its phases as navigation, and the selected phase below.
 * Hovering or focusing a phase link starts loading that phase's module, before the click.
 */
import { CoreApiError } from '@coursekit/phase-sdk/client';
import type { ResolvedCourse } from '@coursekit/phase-sdk/contract';
import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Link, NavLink, Outlet, useOutletContext, useParams } from 'react-router';
import { useAppServices } from '../app/AppServices';
import { ErrorState } from '../app/ErrorState';
import { LoadingState } from '../app/LoadingState';
import { useDocumentTitle } from '../app/useDocumentTitle';
import { applyLoadPolicy } from '../phases/applyLoadPolicy';
import { resolvedCourseQuery } from './courseQueries';

export function CoursePage() {
  const { courseId = '' } = useParams();
  const services = useAppServices();
  const { core, phaseLoader } = services;
  const resolved = useQuery(resolvedCourseQuery(core, courseId));
  const policy = resolved.data?.loading;
  useEffect(() => applyLoadPolicy(services, policy), [services, policy]);

  // A failed revalidation keeps what is known: the course stays usable while the server is away.
  if (!resolved.data) {
    if (resolved.isError)
      return <CourseUnavailable error={resolved.error} retry={resolved.refetch} />;
    return <LoadingState>Loading course…</LoadingState>;
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

/** No answer for the course: unknown to this user (no Retry can help), or the server is away. */
function CourseUnavailable({ error, retry }: { error: unknown; retry: () => unknown }) {
  const missing = error instanceof CoreApiError && (error.status === 404 || error.status === 403);
  useDocumentTitle(missing ? 'Course not found' : 'Course unavailable');
  if (missing) {
    return (
      <section className="ck-page">
        <h1>Course not found</h1>
        <p>
          There is no course at this address, or you are not a member of it. Ask your lecturer for
          the right link.
        </p>
        <p>
          <Link to="/courses">Back to your courses</Link>
        </p>
      </section>
    );
  }
  return (
    <section className="ck-page">
      <h1>Course unavailable</h1>
      <ErrorState
        title="This course could not be loaded."
        error={error}
        onRetry={() => void retry()}
      >
        <Link to="/courses">Back to your courses</Link>
      </ErrorState>
    </section>
  );
}

/** The resolve answer, for the routes below the course page. */
export function useResolvedCourse(): ResolvedCourse {
  return useOutletContext<ResolvedCourse>();
}
