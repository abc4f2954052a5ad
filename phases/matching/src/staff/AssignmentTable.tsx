/**
 * The matching's result for lecturers: how satisfied the students are overall, and who got which
 * topic at which choice, with the unassigned ones named. A result older than the latest change
 * says so, since running again would give a different answer.
 */
import type { MatchingResult } from '../../shared/contract';
import { ordinal } from '../ordinal';

export function AssignmentTable({ result }: { result: MatchingResult }) {
  const { stats } = result;
  const unassigned = result.assignments.filter((a) => a.topicId === null);
  return (
    <>
      {result.stale && (
        <p role="note">
          Topics or rankings changed after this result; run the matching again to include the
          changes.
        </p>
      )}
      <ul aria-label="Satisfaction">
        <li>
          {stats.assigned} of {stats.students} students assigned ({stats.totalCapacity} seats)
        </li>
        <li>{stats.firstChoice} got their first choice</li>
        <li>{stats.topThree} got one of their first three choices</li>
        <li>Average choice: {stats.averageRank === null ? '—' : stats.averageRank.toFixed(2)}</li>
        {stats.unranked > 0 && <li>{stats.unranked} placed on a topic they had not ranked</li>}
        {unassigned.length > 0 && (
          <li>Unassigned: {unassigned.map((a) => a.displayName).join(', ')}</li>
        )}
      </ul>
      <table>
        <caption>Assignments</caption>
        <thead>
          <tr>
            <th scope="col">Student</th>
            <th scope="col">Topic</th>
            <th scope="col">Choice</th>
          </tr>
        </thead>
        <tbody>
          {result.assignments.map((a) => (
            <tr key={a.studentId}>
              <th scope="row">{a.displayName}</th>
              <td>{a.topicTitle ?? 'Unassigned'}</td>
              <td>{a.topicId === null ? '—' : a.rank === null ? 'not ranked' : ordinal(a.rank)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        <small>Run {new Date(result.runAt).toLocaleString()}</small>
      </p>
    </>
  );
}
