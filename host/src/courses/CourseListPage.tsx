/** `/courses`: the courses the signed-in user is a member of (all of them for an admin). */
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useAppServices } from '../app/AppServices';
import { ErrorState } from '../app/ErrorState';
import { LoadingState } from '../app/LoadingState';
import { useDocumentTitle } from '../app/useDocumentTitle';
import { coursesQuery } from './courseQueries';

export function CourseListPage() {
  const { core } = useAppServices();
  const courses = useQuery(coursesQuery(core));
  useDocumentTitle('Your courses');
  return (
    <section className="ck-page">
      <h1>Your courses</h1>
      {courses.isPending ? (
        <LoadingState>Loading your courses…</LoadingState>
      ) : courses.isError ? (
        <ErrorState
          title="Your courses could not be loaded."
          error={courses.error}
          onRetry={() => void courses.refetch()}
        />
      ) : courses.data.length === 0 ? (
        <p className="ck-empty">You are not a member of any course yet.</p>
      ) : (
        <ul className="ck-course-list">
          {courses.data.map((course) => (
            <li key={course.id} className="ck-card">
              <Link to={`/courses/${course.id}`} className="ck-course-link">
                {course.title}
              </Link>
              <span className="ck-muted">
                {[course.term, course.role].filter(Boolean).join(' · ')}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
