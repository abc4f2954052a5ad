/** What the matching gave this student, in words: their topic and rank, or why there is none. */
import type { MyAssignment } from '../../shared/contract';
import { ordinal } from '../ordinal';

export function MyAssignmentNotice({ assignment }: { assignment: MyAssignment }) {
  switch (assignment.status) {
    case 'not-run':
      return (
        <p>
          The matching has not run yet. Rank the topics below; your lecturer runs the matching once
          everyone has ranked.
        </p>
      );
    case 'not-included':
      return (
        <p>
          The matching ran before you saved your ranking. You will be included when your lecturer
          runs it again.
        </p>
      );
    case 'unassigned':
      return (
        <p>
          The matching could not give you a topic: there were more students than seats. Your
          lecturer will find a solution with you.
        </p>
      );
    case 'assigned':
      return (
        <>
          <p style={{ fontWeight: 'bold' }}>You are assigned to {assignment.topic?.title}</p>
          <p>
            {assignment.rank === null
              ? 'You had not ranked this topic; the topics you ranked were full.'
              : `It was your ${ordinal(assignment.rank)} choice.`}
          </p>
        </>
      );
  }
}
