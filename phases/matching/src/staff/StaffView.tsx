/**
 * The lecturer's and editor's view: the topics (add, edit, delete), who has ranked so far, and
 * the matching (run it, see the result). Each part loads on its own with its own loading, empty
 * and error states; a change to the topics refreshes the result's "stale" note.
 */

import { toPhaseApiError } from '@coursekit/phase-sdk/client';
import { useState } from 'react';
import type { MatchingResult } from '../../shared/contract';
import type { MatchingClient } from '../matchingClient';
import { useRemoteData } from '../useRemoteData';
import { AddTopicForm } from './AddTopicForm';
import { AssignmentTable } from './AssignmentTable';
import { TopicRow } from './TopicRow';

export function StaffView({ client }: { client: MatchingClient }) {
  const topics = useRemoteData(() => client.listTopics(), [client]);
  const rankings = useRemoteData(() => client.listRankings(), [client]);
  const assignments = useRemoteData(() => client.getAssignments(), [client]);
  const [running, setRunning] = useState(false);
  const [runError, setRunError] = useState<string | null>(null);
  const [latest, setLatest] = useState<MatchingResult | null>(null);

  const topicsChanged = () => {
    topics.reload();
    assignments.reload();
    setLatest(null);
  };

  const runMatching = async () => {
    setRunning(true);
    setRunError(null);
    try {
      setLatest(await client.runMatching());
      rankings.reload();
    } catch (error) {
      setRunError(toPhaseApiError(error).message);
    } finally {
      setRunning(false);
    }
  };

  const stored =
    assignments.status === 'ready' && assignments.data.view === 'staff'
      ? assignments.data.result
      : null;
  const result = latest ?? stored;
  const seats =
    topics.status === 'ready' ? topics.data.topics.reduce((sum, t) => sum + t.capacity, 0) : null;

  return (
    <>
      <h3>Topics</h3>
      {topics.status === 'loading' && <p role="status">Loading topics…</p>}
      {topics.status === 'error' && (
        <div role="alert">
          <p>Could not load the topics: {topics.error.message}</p>
          <button type="button" onClick={topics.reload}>
            Try again
          </button>
        </div>
      )}
      {topics.status === 'ready' && topics.data.topics.length === 0 && (
        <p>No topics yet. Add the first one below.</p>
      )}
      {topics.status === 'ready' && topics.data.topics.length > 0 && (
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
              <TopicRow key={topic.id} topic={topic} client={client} onChanged={topicsChanged} />
            ))}
          </tbody>
        </table>
      )}
      <AddTopicForm client={client} onAdded={topicsChanged} />
      <h3>Rankings</h3>
      {rankings.status === 'loading' && <p>Loading rankings…</p>}
      {rankings.status === 'error' && (
        <div role="alert">
          <p>Could not load the rankings: {rankings.error.message}</p>
          <button type="button" onClick={rankings.reload}>
            Try again
          </button>
        </div>
      )}
      {rankings.status === 'ready' && (
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
      <button
        type="button"
        onClick={() => void runMatching()}
        disabled={running}
        aria-busy={running}
      >
        Run matching
      </button>{' '}
      {running && <span role="status">Running the matching…</span>}
      {runError && <p role="alert">The matching did not run: {runError}</p>}
      {assignments.status === 'loading' && !latest && <p>Loading the latest result…</p>}
      {assignments.status === 'error' && !latest && (
        <div role="alert">
          <p>Could not load the latest result: {assignments.error.message}</p>
          <button type="button" onClick={assignments.reload}>
            Try again
          </button>
        </div>
      )}
      {assignments.status === 'ready' && !result && <p>The matching has not run yet.</p>}
      {result && <AssignmentTable result={result} />}
    </>
  );
}
