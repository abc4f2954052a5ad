/**
 * `/admin/courses/:courseId/...`: one course's management pages (composition, members, audit
 * log) for admins and the course's lecturers, under the course's title and a tab navigation.
 */
import type { Course } from '@coursekit/phase-sdk/contract';
import { useQuery } from '@tanstack/react-query';
import { Link, NavLink, Outlet, useOutletContext, useParams } from 'react-router';
import { useAppServices } from '../../app/AppServices';
import { ErrorState } from '../../app/ErrorState';
import { LoadingState } from '../../app/LoadingState';
import { useSignedInMe } from '../../auth/useSession';
import { coursesQuery } from '../../courses/courseQueries';
import { NotAllowed } from '../AdminLayout';
import { canManageCourse } from '../adminAccess';

export function CourseAdminLayout() {
  const { courseId = '' } = useParams();
  const me = useSignedInMe();
  const { core } = useAppServices();
  const courses = useQuery(coursesQuery(core));
  if (!canManageCourse(me, courseId)) {
    return (
      <NotAllowed>Only administrators and the lecturers of this course may manage it.</NotAllowed>
    );
  }
  if (courses.isPending) return <LoadingState>Loading the course…</LoadingState>;
  if (courses.isError) {
    return (
      <ErrorState
        title="The course could not be loaded."
        error={courses.error}
        onRetry={() => void courses.refetch()}
      />
    );
  }
  const course = courses.data.find((candidate) => candidate.id === courseId);
  if (!course) {
    return (
      <section className="ck-page">
        <h1>Course not found</h1>
        <p>
          There is no course at this address. <Link to="/admin">Back to the courses</Link>
        </p>
      </section>
    );
  }
  return (
    <div className="ck-course-admin">
      <header className="ck-course-header">
        <p className="ck-muted">
          <Link to="/admin">Courses</Link> / {course.archived ? 'Archived course' : 'Course'}
        </p>
        <p className="ck-course-admin-title">{course.title}</p>
      </header>
      <nav aria-label="Course management" className="ck-tabs">
        <NavLink to={`/admin/courses/${course.id}`} end>
          Composition
        </NavLink>
        <NavLink to={`/admin/courses/${course.id}/members`}>Members</NavLink>
        <NavLink to={`/admin/courses/${course.id}/audit`}>Audit log</NavLink>
      </nav>
      <Outlet context={course} />
    </div>
  );
}

/** The course whose management pages are open (below `CourseAdminLayout`). */
export function useAdminCourse(): Course {
  return useOutletContext<Course>();
}
