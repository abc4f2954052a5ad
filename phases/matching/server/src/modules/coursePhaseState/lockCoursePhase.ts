/**
 * The per-course-phase lock that makes the matching's writes transactional across replicas:
 * every change (topics, rankings) and every matching run first takes the row lock of its course
 * phase's state row, so they run one after the other for that course phase (and in parallel for
 * others). Changes bump the revision; a run records the revision it saw, so a result can tell
 * that it is stale.
 */
import type { Queryable } from '@coursekit/phase-sdk/server';

/**
 * Lock the course phase for the rest of the transaction; returns its revision after the call.
 *
 * @example
 * await db.transaction(async (tx) => { await lockCoursePhase(tx, coursePhaseId, 'change'); ... });
 */
export async function lockCoursePhase(
  tx: Queryable,
  coursePhaseId: string,
  intent: 'change' | 'read',
): Promise<number> {
  const [row] = await tx.query<{ revision: string | number }>(
    `INSERT INTO matching.course_phase_state (course_phase_id, revision) VALUES ($1, $2::bigint)
     ON CONFLICT (course_phase_id)
       DO UPDATE SET revision = matching.course_phase_state.revision + $2::bigint
     RETURNING revision`,
    [coursePhaseId, intent === 'change' ? 1 : 0],
  );
  if (!row) throw new Error('Bug: the course phase state upsert returned no row.');
  return Number(row.revision);
}

/** The current revision without locking (0 when nothing changed yet). */
export async function currentRevision(db: Queryable, coursePhaseId: string): Promise<number> {
  const [row] = await db.query<{ revision: string | number }>(
    'SELECT revision FROM matching.course_phase_state WHERE course_phase_id = $1',
    [coursePhaseId],
  );
  return row ? Number(row.revision) : 0;
}
