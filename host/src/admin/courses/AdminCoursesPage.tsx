/**
 * `/admin`: the courses one may manage — every course for admins (with creating, archiving and
 * restoring), the courses they lecture for lecturers.
 */
import type { Course } from '@coursekit/phase-sdk/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useAppServices } from '../../app/AppServices';
import { describeError } from '../../app/describeError';
import { ErrorState } from '../../app/ErrorState';
import { LoadingState } from '../../app/LoadingState';
import { useSignedInMe } from '../../auth/useSession';
import { coursesQuery } from '../../courses/courseQueries';
import { canManageCourse } from '../adminAccess';
import { adminKeys, useAdminApi } from '../adminQueries';
import { usePageTitle } from '../usePageTitle';

export function AdminCoursesPage() {
  const me = useSignedInMe();
  const { core } = useAppServices();
  const api = useAdminApi();
  const queryClient = useQueryClient();
  const courses = useQuery(coursesQuery(core));
  const archive = useMutation({
    mutationFn: (course: Course) => api.updateCourse(course.id, { archived: !course.archived }),
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: coursesQuery(core).queryKey }),
        queryClient.invalidateQueries({ queryKey: adminKeys.audit }),
      ]),
  });
  const title = me.user.isAdmin ? 'Courses' : 'Courses you manage';
  usePageTitle(title);

  const managed = courses.data?.filter((course) => canManageCourse(me, course.id)) ?? [];
  return (
    <section className="ck-page" aria-labelledby="ck-admin-courses">
      <div className="ck-page-heading">
        <h1 id="ck-admin-courses">{title}</h1>
        {me.user.isAdmin ? (
          <Link className="ck-button" to="/admin/courses/new">
            New course
          </Link>
        ) : null}
      </div>
      {archive.isError ? (
        <p role="alert" className="ck-error">
          {describeError(archive.error)}
        </p>
      ) : null}
      {courses.isPending ? (
        <LoadingState>Loading courses…</LoadingState>
      ) : courses.isError ? (
        <ErrorState
          title="The courses could not be loaded."
          error={courses.error}
          onRetry={() => void courses.refetch()}
        />
      ) : managed.length === 0 ? (
        <p className="ck-empty">
          {me.user.isAdmin ? 'No course yet: create the first one.' : 'You lecture no course.'}
        </p>
      ) : (
        <ul className="ck-admin-list">
          {managed.map((course) => (
            <li key={course.id} className="ck-card ck-admin-item">
              <div>
                <Link to={`/admin/courses/${course.id}`} className="ck-course-link">
                  {course.title}
                </Link>
                <p className="ck-muted">
                  {[course.slug, course.term, course.archived ? 'Archived' : null]
                    .filter(Boolean)
                    .join(' · ')}
                </p>
              </div>
              <div className="ck-actions">
                <Link to={`/courses/${course.id}`}>Open as member</Link>
                {me.user.isAdmin ? (
                  <button
                    type="button"
                    className="ck-secondary"
                    disabled={archive.isPending}
                    onClick={() => archive.mutate(course)}
                  >
                    {course.archived ? `Restore ${course.title}` : `Archive ${course.title}`}
                  </button>
                ) : null}
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
