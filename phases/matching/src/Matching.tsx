/**
 * The project matching phase: lecturers and editors manage the topics and run the matching;
 * students rank the topics and see what they got. Which view a user gets follows the same role
 * list (the SDK's `isStaff`) that the server enforces, so the screen never offers what the server refuses.
 */
import { isStaff } from '@coursekit/phase-sdk/contract';
import { useCurrentUser } from '@coursekit/phase-sdk/react';
import { StaffView } from './staff/StaffView';
import { StudentView } from './student/StudentView';

export function Matching() {
  const { role } = useCurrentUser();
  return (
    <section aria-labelledby="ck-matching-title">
      <h2 id="ck-matching-title">Project matching</h2>
      {isStaff(role) ? (
        <StaffView />
      ) : role === 'student' ? (
        <StudentView />
      ) : (
        <p>Only members of this course take part in the project matching.</p>
      )}
    </section>
  );
}
