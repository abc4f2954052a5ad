/**
 * SQL for core storage. Writes are compare-and-set on the version in one statement, so two
 * writers that read the same version cannot both succeed, on PGlite or on a PostgreSQL server.
 */
import type { StoredDocument } from '@coursekit/phase-sdk/contract';
import type { Queryable } from '@coursekit/phase-sdk/server';

/** Which document: a course-phase one, or a participant's. */
export type DocumentKey =
  | { kind: 'course'; coursePhaseId: string; scope: 'shared' | 'restricted' }
  | { kind: 'participant'; coursePhaseId: string; userId: string; scope: 'own' | 'restricted' };

interface DocRow {
  version: number;
  doc: unknown;
  updated_at: Date | string;
  updated_by: string | null;
}

export const EMPTY_DOCUMENT: StoredDocument = {
  version: 0,
  doc: null,
  updatedAt: null,
  updatedBy: null,
};

export const toStored = (row: DocRow): StoredDocument => ({
  version: row.version,
  doc: row.doc as StoredDocument['doc'],
  updatedAt: new Date(row.updated_at).toISOString(),
  updatedBy: row.updated_by,
});

function where(key: DocumentKey): { table: string; condition: string; params: string[] } {
  return key.kind === 'course'
    ? {
        table: 'phase_data',
        condition: 'course_phase_id = $1 AND scope = $2',
        params: [key.coursePhaseId, key.scope],
      }
    : {
        table: 'participation_data',
        condition: 'course_phase_id = $1 AND scope = $2 AND user_id = $3',
        params: [key.coursePhaseId, key.scope, key.userId],
      };
}

export class StorageRepository {
  constructor(private readonly db: Queryable) {}

  async read(key: DocumentKey): Promise<StoredDocument> {
    const { table, condition, params } = where(key);
    const [row] = await this.db.query<DocRow>(
      `SELECT version, doc, updated_at, updated_by FROM ${table} WHERE ${condition}`,
      params,
    );
    return row ? toStored(row) : EMPTY_DOCUMENT;
  }

  /**
   * Write `doc` if the stored version is still `expected` (0: not written yet), in one statement
   * that also returns what is stored when another write came first (saving a read on the conflict
   * path, which is the hot one under contention). `current` may be absent when a concurrent first
   * write is not yet visible to this statement; read again then.
   */
  async compareAndSet(
    key: DocumentKey,
    expected: number,
    docJson: string,
    userId: string,
  ): Promise<{ written: StoredDocument } | { written: null; current: StoredDocument | null }> {
    const { table, condition, params } = where(key);
    const n = params.length;
    const change =
      expected === 0
        ? `INSERT INTO ${table} (${key.kind === 'course' ? 'course_phase_id, scope' : 'course_phase_id, scope, user_id'}, doc, version, updated_by)
           VALUES (${params.map((_, i) => `$${i + 1}`).join(', ')}, $${n + 1}::jsonb, 1, $${n + 2})
           ON CONFLICT DO NOTHING
           RETURNING version, doc, updated_at, updated_by`
        : `UPDATE ${table} SET doc = $${n + 1}::jsonb, version = version + 1, updated_at = now(), updated_by = $${n + 2}
           WHERE ${condition} AND version = $${n + 3}
           RETURNING version, doc, updated_at, updated_by`;
    const rows = await this.db.query<DocRow & { written: boolean }>(
      `WITH changed AS (${change})
       SELECT version, doc, updated_at, updated_by, true AS written FROM changed
       UNION ALL
       SELECT version, doc, updated_at, updated_by, false AS written FROM ${table}
       WHERE ${condition} AND NOT EXISTS (SELECT 1 FROM changed)`,
      expected === 0 ? [...params, docJson, userId] : [...params, docJson, userId, expected],
    );
    const [row] = rows;
    if (row?.written) return { written: toStored(row) };
    return { written: null, current: row ? toStored(row) : null };
  }

  /** Students of the course owning `coursePhaseId` with their document in `scope`, keyset-paged by (name, id). */
  async participants(
    coursePhaseId: string,
    scope: 'own' | 'restricted',
    limit: number,
    after: { name: string; id: string } | null,
  ) {
    return this.db.query<
      DocRow & { user_id: string; email: string; name: string; version: number | null }
    >(
      `SELECT u.id AS user_id, u.email, u.name, d.version, d.doc, d.updated_at, d.updated_by
       FROM course_phases cp
       JOIN course_members m ON m.course_id = cp.course_id AND m.role = 'student'
       JOIN users u ON u.id = m.user_id
       LEFT JOIN participation_data d ON d.course_phase_id = cp.id AND d.user_id = u.id AND d.scope = $2
       WHERE cp.id = $1 AND ($3::text IS NULL OR (u.name, u.id::text) > ($3::text, $4::text))
       ORDER BY u.name, u.id::text
       LIMIT $5`,
      [coursePhaseId, scope, after?.name ?? null, after?.id ?? null, limit],
    );
  }
}
