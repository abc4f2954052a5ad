/** `/courses/:courseId` itself: open the first phase, or say that there is none yet. */
import { Navigate } from 'react-router';
import { useDocumentTitle } from '../app/useDocumentTitle';
import { useResolvedCourse } from './CoursePage';

export function CourseIndexPage() {
  const { course, phases } = useResolvedCourse();
  const first = phases[0];
  useDocumentTitle(course.title);
  if (!first) return <p className="ck-empty">No phases are enabled for this course yet.</p>;
  return <Navigate to={`/courses/${course.id}/${first.coursePhaseId}`} replace />;
}
