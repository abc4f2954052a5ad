/** SQL for reading the audit log: newest first, filtered, in pages continued by id. */
import type { AuditEntry, AuditPage } from '@coursekit/phase-sdk/contract';
import type { Queryable } from '../../db/Db.js';

export interface AuditFilter {
  courseId?: string;
  phaseType?: string;
  actor?: string;
  action?: string;
  since?: string;
  until?: string;
  cursor?: string;
  limit: number;
}

interface AuditRow {
  id: string;
  at: Date | string;
  action: string;
  entity: string;
  entity_id: string;
  course_id: string | null;
  phase_type: string | null;
  before: AuditEntry['before'];
  after: AuditEntry['after'];
  actor_id: string | null;
  actor_email: string | null;
  actor_name: string | null;
}

/** `%` and `_` typed in a search box are letters, not LIKE wildcards. */
export const likePattern = (text: string): string =>
  `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export class AuditRepository {
  constructor(private readonly db: Queryable) {}

  async page(filter: AuditFilter): Promise<AuditPage> {
    const rows = await this.db.query<AuditRow>(
      `SELECT a.id::text AS id, a.at, a.action, a.entity, a.entity_id, a.course_id, a.phase_type,
              a.before, a.after, u.id AS actor_id, u.email AS actor_email, u.name AS actor_name
       FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id
       WHERE ($1::uuid IS NULL OR a.course_id = $1::uuid)
         AND ($2::text IS NULL OR a.phase_type = $2)
         AND ($3::text IS NULL OR u.email ILIKE $3 OR u.name ILIKE $3)
         AND ($4::text IS NULL OR a.action = $4 OR (right($4, 1) = '.' AND a.action LIKE $4 || '%'))
         AND ($5::timestamptz IS NULL OR a.at >= $5::timestamptz)
         AND ($6::timestamptz IS NULL OR a.at <= $6::timestamptz)
         AND ($7::bigint IS NULL OR a.id < $7::bigint)
       ORDER BY a.id DESC
       LIMIT $8`,
      [
        filter.courseId ?? null,
        filter.phaseType ?? null,
        filter.actor ? likePattern(filter.actor) : null,
        filter.action ?? null,
        filter.since ?? null,
        filter.until ?? null,
        filter.cursor ?? null,
        filter.limit + 1,
      ],
    );
    const items = rows.slice(0, filter.limit).map(
      (row): AuditEntry => ({
        id: row.id,
        at: new Date(row.at).toISOString(),
        actor:
          row.actor_id && row.actor_email !== null && row.actor_name !== null
            ? { id: row.actor_id, email: row.actor_email, name: row.actor_name }
            : null,
        action: row.action,
        entity: row.entity,
        entityId: row.entity_id,
        courseId: row.course_id,
        phaseType: row.phase_type,
        before: row.before,
        after: row.after,
      }),
    );
    const last = items.at(-1);
    return { items, nextCursor: rows.length > filter.limit && last ? last.id : null };
  }
}
