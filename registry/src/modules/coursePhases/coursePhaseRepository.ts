/** SQL for the per-course composition. */
import type { CoursePhase, PhaseConfig } from '@coursekit/phase-sdk/contract';
import type { Queryable } from '@coursekit/phase-sdk/server';

interface CoursePhaseRow {
  id: string;
  course_id: string;
  phase_type: string;
  title: string;
  position: number;
  enabled: boolean;
  pin: string;
  config: PhaseConfig;
}

const toCoursePhase = (row: CoursePhaseRow): CoursePhase => ({
  id: row.id,
  courseId: row.course_id,
  phase: row.phase_type,
  title: row.title,
  position: row.position,
  enabled: row.enabled,
  pin: row.pin,
  config: row.config,
});

const COLUMNS = 'id, course_id, phase_type, title, position, enabled, pin, config';

export class CoursePhaseRepository {
  constructor(private readonly db: Queryable) {}

  async list(courseId: string): Promise<CoursePhase[]> {
    const rows = await this.db.query<CoursePhaseRow>(
      `SELECT ${COLUMNS} FROM course_phases WHERE course_id = $1 ORDER BY position, created_at`,
      [courseId],
    );
    return rows.map(toCoursePhase);
  }

  async find(courseId: string, id: string): Promise<CoursePhase | null> {
    const [row] = await this.db.query<CoursePhaseRow>(
      `SELECT ${COLUMNS} FROM course_phases WHERE course_id = $1 AND id = $2`,
      [courseId, id],
    );
    return row ? toCoursePhase(row) : null;
  }

  async insert(phase: Omit<CoursePhase, 'id'>): Promise<CoursePhase> {
    const [row] = await this.db.query<CoursePhaseRow>(
      `INSERT INTO course_phases (course_id, phase_type, title, position, enabled, pin, config)
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb) RETURNING ${COLUMNS}`,
      [
        phase.courseId,
        phase.phase,
        phase.title,
        phase.position,
        phase.enabled,
        phase.pin,
        JSON.stringify(phase.config),
      ],
    );
    if (!row) throw new Error('Bug: inserting a course phase returned no row.');
    return toCoursePhase(row);
  }

  async update(phase: CoursePhase): Promise<CoursePhase> {
    const [row] = await this.db.query<CoursePhaseRow>(
      `UPDATE course_phases SET title = $2, position = $3, enabled = $4, pin = $5, config = $6::jsonb, updated_at = now()
       WHERE id = $1 RETURNING ${COLUMNS}`,
      [
        phase.id,
        phase.title,
        phase.position,
        phase.enabled,
        phase.pin,
        JSON.stringify(phase.config),
      ],
    );
    if (!row) throw new Error(`Bug: course phase ${phase.id} vanished inside its transaction.`);
    return toCoursePhase(row);
  }

  async setPosition(id: string, position: number): Promise<void> {
    await this.db.query('UPDATE course_phases SET position = $2 WHERE id = $1', [id, position]);
  }
}
