/**
 * The lecturer's and editor's view: the topics (add, edit, delete), who has ranked so far, and
 * the matching (run it, see the result). Each part loads on its own with its own loading, empty
 * and error states; a change to the topics refreshes the result's "stale" note. Every successful
 * change refetches this phase's answers (the SDK's route hooks do), so the parts stay in step.
 */

import { useRouteMutation, useRouteQuery } from '@coursekit/phase-sdk/react';
import { useState } from 'react';
import { type MatchingResult, routes } from '../../shared/contract';
import { AddTopicForm } from './AddTopicForm';
import { AssignmentTable } from './AssignmentTable';
import { TopicRow } from './TopicRow';

export function StaffView() {
  const topics = useRouteQuery(routes.listTopics);
  const rankings = useRouteQuery(routes.listRankings);
  const assignments = useRouteQuery(routes.getAssignments);
  const run = useRouteMutation(routes.runMatching);
  const [latest, setLatest] = useState<MatchingResult | null>(null);
  const running = run.isPending;

  const topicsChanged = () => setLatest(null);
  const runMatching = () => run.mutate(undefined, { onSuccess: setLatest });

  const stored =
    assignments.isSuccess && assignments.data.view === 'staff' ? assignments.data.result : null;
  const result = latest ?? stored;
  const seats = topics.isSuccess
    ? topics.data.topics.reduce((sum, t) => sum + t.capacity, 0)
    : null;

  return (
    <>
      <h3>Topics</h3>
      {topics.isPending && <p role="status">Loading topics…</p>}
      {topics.isError && (
        <div role="alert">
          <p>Could not load the topics: {topics.error.message}</p>
          <button type="button" onClick={() => void topics.refetch()}>
            Try again
          </button>
        </div>
      )}
      {topics.isSuccess && topics.data.topics.length === 0 && (
        <p>No topics yet. Add the first one below.</p>
      )}
      {topics.isSuccess && topics.data.topics.length > 0 && (
        <table>
          <caption>Topics</caption>
          <thead>
            <tr>
              <th scope="col">Title</th>
              <th scope="col">Description</th>
              <th scope="col">Seats</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {topics.data.topics.map((topic) => (
              <TopicRow key={topic.id} topic={topic} onChanged={topicsChanged} />
            ))}
          </tbody>
        </table>
      )}
      <AddTopicForm onAdded={topicsChanged} />
      <h3>Rankings</h3>
      {rankings.isPending && <p>Loading rankings…</p>}
      {rankings.isError && (
        <div role="alert">
          <p>Could not load the rankings: {rankings.error.message}</p>
          <button type="button" onClick={() => void rankings.refetch()}>
            Try again
          </button>
        </div>
      )}
      {rankings.isSuccess && (
        <p>
          {rankings.data.rankings.length === 0
            ? 'No student has saved a ranking yet.'
            : `${rankings.data.rankings.length} ${rankings.data.rankings.length === 1 ? 'student has' : 'students have'} saved a ranking: ${rankings.data.rankings.map((r) => r.displayName).join(', ')}.`}
          {seats !== null && ` ${seats} ${seats === 1 ? 'seat' : 'seats'} in all topics.`}
        </p>
      )}
      <h3>Matching</h3>
      <p>
        The matching gives every student at most one topic within the seats, so that as many
        students as possible are placed and, among those, their choices are as good as they can be
        in total. Running it again replaces the previous result.
      </p>
      <button type="button" onClick={runMatching} disabled={running} aria-busy={running}>
        Run matching
      </button>{' '}
      {running && <span role="status">Running the matching…</span>}
      {run.isError && <p role="alert">The matching did not run: {run.error.message}</p>}
      {assignments.isPending && !latest && <p>Loading the latest result…</p>}
      {assignments.isError && !latest && (
        <div role="alert">
          <p>Could not load the latest result: {assignments.error.message}</p>
          <button type="button" onClick={() => void assignments.refetch()}>
            Try again
          </button>
        </div>
      )}
      {assignments.isSuccess && !result && <p>The matching has not run yet.</p>}
      {result && <AssignmentTable result={result} />}
    </>
  );
}
