/**
 * Scheduled work that one replica does for all. Every replica keeps its timer; when it fires, the
 * replica tries to claim the run by moving the job's `last_started_at` forward, which succeeds for
 * one replica per interval (a single conditional statement, so two replicas never both win). The
 * others skip that tick. A replica that dies mid-run only delays the next run by one interval.
 */
import type { Queryable } from './Db.js';

/** Whether this replica should run `name` now: true for exactly one caller per `intervalMs`. */
export async function claimScheduledRun(
  db: Queryable,
  name: string,
  intervalMs: number,
): Promise<boolean> {
  // A tenth of the interval as slack: timers of replicas drift, and a replica whose timer fires a
  // little early must not find the previous run still "too recent" every time.
  const rows = await db.query(
    `INSERT INTO scheduled_runs AS r (name, last_started_at) VALUES ($1, clock_timestamp())
     ON CONFLICT (name) DO UPDATE SET last_started_at = excluded.last_started_at
       WHERE r.last_started_at <= clock_timestamp() - make_interval(secs => $2::double precision / 1000)
     RETURNING name`,
    [name, intervalMs * 0.9],
  );
  return rows.length === 1;
}
