/** The SQL of topics. Every query names the course phase, so one course never sees another's. */

import type { Queryable } from '@coursekit/phase-sdk/server';
import type { Topic } from '../../../../shared/contract.js';

interface TopicRow {
  id: string;
  title: string;
  description: string;
  capacity: number;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS = 'id, title, description, capacity, created_at, updated_at';

const toTopic = (row: TopicRow): Topic => ({
  id: row.id,
  title: row.title,
  description: row.description,
  capacity: row.capacity,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
});

export interface TopicFields {
  title: string;
  description: string;
  capacity: number;
}

export class TopicRepository {
  constructor(private readonly db: Queryable) {}

  async list(coursePhaseId: string): Promise<Topic[]> {
    const rows = await this.db.query<TopicRow>(
      `SELECT ${COLUMNS} FROM matching.topics WHERE course_phase_id = $1 ORDER BY created_at, id`,
      [coursePhaseId],
    );
    return rows.map(toTopic);
  }

  async find(coursePhaseId: string, id: string): Promise<Topic | undefined> {
    const [row] = await this.db.query<TopicRow>(
      `SELECT ${COLUMNS} FROM matching.topics WHERE course_phase_id = $1 AND id = $2`,
      [coursePhaseId, id],
    );
    return row && toTopic(row);
  }

  /** The topic with this title in any letter case, if there is one. */
  async findByTitle(coursePhaseId: string, title: string): Promise<Topic | undefined> {
    const [row] = await this.db.query<TopicRow>(
      `SELECT ${COLUMNS} FROM matching.topics WHERE course_phase_id = $1 AND lower(title) = lower($2)`,
      [coursePhaseId, title],
    );
    return row && toTopic(row);
  }

  /** Which of `ids` are topics of the course phase. */
  async existing(coursePhaseId: string, ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await this.db.query<{ id: string }>(
      'SELECT id FROM matching.topics WHERE course_phase_id = $1 AND id = ANY($2::uuid[])',
      [coursePhaseId, [...ids]],
    );
    return new Set(rows.map((row) => row.id));
  }

  async insert(coursePhaseId: string, fields: TopicFields): Promise<Topic> {
    const [row] = await this.db.query<TopicRow>(
      `INSERT INTO matching.topics (course_phase_id, title, description, capacity)
       VALUES ($1, $2, $3, $4) RETURNING ${COLUMNS}`,
      [coursePhaseId, fields.title, fields.description, fields.capacity],
    );
    if (!row) throw new Error('Bug: INSERT … RETURNING gave no row.');
    return toTopic(row);
  }

  async update(coursePhaseId: string, id: string, fields: TopicFields): Promise<Topic | undefined> {
    const [row] = await this.db.query<TopicRow>(
      `UPDATE matching.topics SET title = $3, description = $4, capacity = $5,
              updated_at = clock_timestamp()
        WHERE course_phase_id = $1 AND id = $2 RETURNING ${COLUMNS}`,
      [coursePhaseId, id, fields.title, fields.description, fields.capacity],
    );
    return row && toTopic(row);
  }

  /** Delete; returns whether the topic existed. Rankings lose it through the foreign key. */
  async delete(coursePhaseId: string, id: string): Promise<boolean> {
    const rows = await this.db.query<{ id: string }>(
      'DELETE FROM matching.topics WHERE course_phase_id = $1 AND id = $2 RETURNING id',
      [coursePhaseId, id],
    );
    return rows.length > 0;
  }
}
