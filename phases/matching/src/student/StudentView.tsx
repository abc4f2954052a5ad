/**
 * A student's view: what the matching gave them (if it ran), and their ranking of the topics.
 * Each part loads on its own and shows its own loading, empty and error states, so a failure of
 * one leaves the other usable.
 */
import { useRouteQuery } from '@coursekit/phase-sdk/react';
import { routes } from '../../shared/contract';
import { MyAssignmentNotice } from './MyAssignmentNotice';
import { RankingEditor } from './RankingEditor';

export function StudentView() {
  const assignment = useRouteQuery(routes.getAssignments);
  const topics = useRouteQuery(routes.listTopics);
  const myRanking = useRouteQuery(routes.getMyRanking);
  const rankingError = topics.error ?? myRanking.error;
  const retryRanking = () => {
    if (topics.isError) void topics.refetch();
    if (myRanking.isError) void myRanking.refetch();
  };

  return (
    <>
      <h3>Your topic</h3>
      {assignment.isPending && <p role="status">Loading your assignment…</p>}
      {assignment.isError && (
        <div role="alert">
          <p>Could not load your assignment: {assignment.error.message}</p>
          <button type="button" onClick={() => void assignment.refetch()}>
            Try again
          </button>
        </div>
      )}
      {assignment.isSuccess && assignment.data.view === 'student' && (
        <MyAssignmentNotice assignment={assignment.data} />
      )}

      <h3>Rank the topics</h3>
      {rankingError ? (
        <div role="alert">
          <p>Could not load the topics: {rankingError.message}</p>
          <button type="button" onClick={retryRanking}>
            Try again
          </button>
        </div>
      ) : !(topics.isSuccess && myRanking.isSuccess) ? (
        <p role="status">Loading topics…</p>
      ) : topics.data.topics.length === 0 ? (
        <p>No topics yet. Your lecturer has not added any; check back later.</p>
      ) : (
        <RankingEditor topics={topics.data.topics} saved={myRanking.data} />
      )}
    </>
  );
}
