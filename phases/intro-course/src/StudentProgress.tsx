/**
 * Staff see how far every student got: a table of the course's students with "N of M done" each,
 * from their own documents, page by page. Students tick in their own browsers, so the table has a
 * Refresh button.
 */
import { useParticipants } from '@coursekit/phase-sdk/react';
import { documents } from './documents';
import { LoadError } from './LoadError';
import { progressText } from './progress';
import { useChecklist } from './useChecklist';

export function StudentProgress() {
  const { steps, document: checklist } = useChecklist();
  const participants = useParticipants(documents.participant.own);

  if (participants.status === 'error') {
    return (
      <LoadError
        what="Student progress"
        error={participants.error}
        onRetry={participants.refetch}
      />
    );
  }
  if (participants.status === 'pending' || checklist.status === 'pending') {
    return (
      <p className="ck-muted" role="status">
        Loading student progress…
      </p>
    );
  }
  if (participants.items.length === 0) {
    return <p className="ck-muted">No students take part in this course yet.</p>;
  }

  return (
    <>
      <table className="ck-intro-progress">
        <caption>Student progress</caption>
        <thead>
          <tr>
            <th scope="col">Student</th>
            <th scope="col">Progress</th>
          </tr>
        </thead>
        <tbody>
          {participants.items.map((participant) => (
            <tr key={participant.userId}>
              <th scope="row">{participant.name}</th>
              <td>
                {participant.schemaError
                  ? 'Progress unreadable (stored in an older format)'
                  : progressText(steps, participant.data)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="ck-actions">
        {participants.hasNextPage ? (
          <button
            type="button"
            onClick={participants.fetchNextPage}
            disabled={participants.isFetchingNextPage}
          >
            {participants.isFetchingNextPage ? 'Loading more students…' : 'Show more students'}
          </button>
        ) : null}{' '}
        <button type="button" onClick={participants.refetch} disabled={participants.isFetching}>
          {participants.isFetching ? 'Refreshing…' : 'Refresh'}
        </button>
      </div>
    </>
  );
}
