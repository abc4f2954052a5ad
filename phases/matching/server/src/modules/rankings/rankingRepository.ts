/** The SQL of rankings: who takes part (with the name they gave) and their topics, best first. */

import type { Queryable } from '@coursekit/phase-sdk/server';
import type { MyRanking, StudentRanking } from '../../../../shared/contract.js';

interface ParticipantRow {
  student_id: string;
  display_name: string;
  updated_at: Date;
  topic_ids: string[] | null;
}

export class RankingRepository {
  constructor(private readonly db: Queryable) {}

  /** Every participant with their ranking, by student id. */
  async list(coursePhaseId: string, studentId?: string): Promise<StudentRanking[]> {
    const rows = await this.db.query<ParticipantRow>(
      `SELECT p.student_id, p.display_name, p.updated_at,
              array_remove(array_agg(e.topic_id ORDER BY e.position), NULL) AS topic_ids
         FROM matching.participants p
         LEFT JOIN matching.ranking_entries e
           ON e.course_phase_id = p.course_phase_id AND e.student_id = p.student_id
        WHERE p.course_phase_id = $1 AND ($2::uuid IS NULL OR p.student_id = $2::uuid)
        GROUP BY p.student_id, p.display_name, p.updated_at
        ORDER BY p.student_id`,
      [coursePhaseId, studentId ?? null],
    );
    return rows.map((row) => ({
      studentId: row.student_id,
      displayName: row.display_name,
      topicIds: row.topic_ids ?? [],
      updatedAt: row.updated_at.toISOString(),
    }));
  }

  async mine(coursePhaseId: string, studentId: string): Promise<MyRanking> {
    const [ranking] = await this.list(coursePhaseId, studentId);
    return ranking
      ? { topicIds: ranking.topicIds, updatedAt: ranking.updatedAt }
      : { topicIds: [], updatedAt: null };
  }

  /** Replace the student's ranking. */
  async save(
    coursePhaseId: string,
    studentId: string,
    displayName: string,
    topicIds: readonly string[],
  ): Promise<void> {
    await this.db.query(
      `INSERT INTO matching.participants (course_phase_id, student_id, display_name)
       VALUES ($1, $2, $3)
       ON CONFLICT (course_phase_id, student_id)
         DO UPDATE SET display_name = EXCLUDED.display_name, updated_at = clock_timestamp()`,
      [coursePhaseId, studentId, displayName],
    );
    await this.db.query(
      'DELETE FROM matching.ranking_entries WHERE course_phase_id = $1 AND student_id = $2',
      [coursePhaseId, studentId],
    );
    if (topicIds.length > 0) {
      await this.db.query(
        `INSERT INTO matching.ranking_entries (course_phase_id, student_id, topic_id, position)
         SELECT $1, $2, topic_id, position
           FROM unnest($3::uuid[]) WITH ORDINALITY AS ranked (topic_id, position)`,
        [coursePhaseId, studentId, [...topicIds]],
      );
    }
  }
}
