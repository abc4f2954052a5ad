/**
 * A student's view: what the matching gave them (if it ran), and their ranking of the topics.
 * Each part loads on its own and shows its own loading, empty and error states, so a failure of
 * one leaves the other usable.
 */
import type { MatchingClient } from '../matchingClient';
import { useRemoteData } from '../useRemoteData';
import { MyAssignmentNotice } from './MyAssignmentNotice';
import { RankingEditor } from './RankingEditor';

export function StudentView({ client }: { client: MatchingClient }) {
  const assignment = useRemoteData(() => client.getAssignments(), [client]);
  const ranking = useRemoteData(
    () => Promise.all([client.listTopics(), client.getMyRanking()]),
    [client],
  );

  return (
    <>
      <h3>Your topic</h3>
      {assignment.status === 'loading' && <p role="status">Loading your assignment…</p>}
      {assignment.status === 'error' && (
        <div role="alert">
          <p>Could not load your assignment: {assignment.error.message}</p>
          <button type="button" onClick={assignment.reload}>
            Try again
          </button>
        </div>
      )}
      {assignment.status === 'ready' && assignment.data.view === 'student' && (
        <MyAssignmentNotice assignment={assignment.data} />
      )}

      <h3>Rank the topics</h3>
      {ranking.status === 'loading' && <p role="status">Loading topics…</p>}
      {ranking.status === 'error' && (
        <div role="alert">
          <p>Could not load the topics: {ranking.error.message}</p>
          <button type="button" onClick={ranking.reload}>
            Try again
          </button>
        </div>
      )}
      {ranking.status === 'ready' && ranking.data[0].topics.length === 0 && (
        <p>No topics yet. Your lecturer has not added any; check back later.</p>
      )}
      {ranking.status === 'ready' && ranking.data[0].topics.length > 0 && (
        <RankingEditor
          client={client}
          topics={ranking.data[0].topics}
          saved={ranking.data[1]}
          onSaved={assignment.reload}
        />
      )}
    </>
  );
}
