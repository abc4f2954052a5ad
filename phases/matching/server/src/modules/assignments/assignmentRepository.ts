/** The SQL of matching results: the latest run of a course phase and its assignment rows. */

import type { Queryable } from '@coursekit/phase-sdk/server';
import type { Assignment } from '../../../../shared/contract.js';

export interface StoredRun {
  runAt: string;
  runBy: string;
  dataRevision: number;
  totalCapacity: number;
  totalCost: number;
}

interface RunRow {
  run_at: Date;
  run_by: string;
  data_revision: string | number;
  total_capacity: number;
  total_cost: number;
}

interface AssignmentRow {
  student_id: string;
  display_name: string;
  topic_id: string | null;
  topic_title: string | null;
  rank: number | null;
}

const toAssignment = (row: AssignmentRow): Assignment => ({
  studentId: row.student_id,
  displayName: row.display_name,
  topicId: row.topic_id,
  topicTitle: row.topic_title,
  rank: row.rank,
});

export class AssignmentRepository {
  constructor(private readonly db: Queryable) {}

  async run(coursePhaseId: string): Promise<StoredRun | undefined> {
    const [row] = await this.db.query<RunRow>(
      `SELECT run_at, run_by, data_revision, total_capacity, total_cost
         FROM matching.runs WHERE course_phase_id = $1`,
      [coursePhaseId],
    );
    return (
      row && {
        runAt: row.run_at.toISOString(),
        runBy: row.run_by,
        dataRevision: Number(row.data_revision),
        totalCapacity: row.total_capacity,
        totalCost: row.total_cost,
      }
    );
  }

  /** The run's assignments, by display name (then student id, for equal names). */
  async assignments(coursePhaseId: string, studentId?: string): Promise<Assignment[]> {
    const rows = await this.db.query<AssignmentRow>(
      `SELECT student_id, display_name, topic_id, topic_title, rank FROM matching.assignments
        WHERE course_phase_id = $1 AND ($2::uuid IS NULL OR student_id = $2::uuid)
        ORDER BY lower(display_name), student_id`,
      [coursePhaseId, studentId ?? null],
    );
    return rows.map(toAssignment);
  }

  /** Replace the course phase's result (the assignments go with the old run row). */
  async replace(
    coursePhaseId: string,
    run: Omit<StoredRun, 'runAt'>,
    assignments: readonly Assignment[],
  ): Promise<void> {
    await this.db.query('DELETE FROM matching.runs WHERE course_phase_id = $1', [coursePhaseId]);
    await this.db.query(
      `INSERT INTO matching.runs (course_phase_id, run_by, data_revision, total_capacity, total_cost)
       VALUES ($1, $2, $3, $4, $5)`,
      [coursePhaseId, run.runBy, run.dataRevision, run.totalCapacity, run.totalCost],
    );
    if (assignments.length === 0) return;
    await this.db.query(
      `INSERT INTO matching.assignments
              (course_phase_id, student_id, display_name, topic_id, topic_title, rank)
       SELECT $1, student_id, display_name, topic_id, topic_title, rank
         FROM unnest($2::uuid[], $3::text[], $4::uuid[], $5::text[], $6::int[])
           AS a (student_id, display_name, topic_id, topic_title, rank)`,
      [
        coursePhaseId,
        assignments.map((a) => a.studentId),
        assignments.map((a) => a.displayName),
        assignments.map((a) => a.topicId),
        assignments.map((a) => a.topicTitle),
        assignments.map((a) => a.rank),
      ],
    );
  }
}
