/**
 * Intro course: the welcome page of a course with a checklist of first steps, kept in core
 * storage. Students tick their steps off (their own document); lecturers and editors edit the
 * checklist (the course phase's shared document) and follow every student's progress. Until a
 * checklist is saved, the steps come from the course phase's configuration, with defaults.
 */
import { useCoreAuth, useCoursePhase } from '@coursekit/phase-sdk/react';
import { ChecklistEditor } from './ChecklistEditor';
import { StudentChecklist } from './StudentChecklist';
import { StudentProgress } from './StudentProgress';

export function IntroCourse() {
  const { user, role, can } = useCoreAuth();
  const { course } = useCoursePhase();
  const staff = can('editCourseData');

  return (
    <section className="ck-intro" aria-labelledby="ck-intro-title">
      <h2 id="ck-intro-title">Welcome to {course.title}</h2>
      <p>
        Hello {user.name}
        {role ? `, you take part as ${role}` : ''}.{' '}
        {course.term ? `This course runs in ${course.term}. ` : ''}
        {staff
          ? 'Edit the first steps below; your students tick them off, and you see how far each got.'
          : 'Work through the steps below to get started.'}
      </p>
      {staff ? (
        <>
          <ChecklistEditor />
          {can('readRestricted') ? <StudentProgress /> : null}
        </>
      ) : (
        <StudentChecklist />
      )}
    </section>
  );
}
