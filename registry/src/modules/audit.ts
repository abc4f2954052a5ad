/**
 * The audit log: every admin change, who, when, before and after, written in the change's
 * transaction. Each entry also names its course and phase type (derived from the entity when the
 * caller does not say), so that the log can be read per course and per phase type.
 */
import type { Queryable } from '@coursekit/phase-sdk/server';

export interface AuditInput {
  actorId: string | null;
  action: string;
  entity: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
  /** The course the change belongs to; derived for `course` and `course-phase` entities. */
  courseId?: string | null;
  /** The phase type the change belongs to; derived for `phase-type` and `course-phase` entities. */
  phaseType?: string | null;
}

const field = (value: unknown, name: string): string | null => {
  if (value && typeof value === 'object' && name in value) {
    const found = (value as Record<string, unknown>)[name];
    return typeof found === 'string' ? found : null;
  }
  return null;
};

export async function audit(tx: Queryable, entry: AuditInput): Promise<void> {
  const courseId =
    entry.courseId ??
    (entry.entity === 'course'
      ? entry.entityId
      : (field(entry.after, 'courseId') ?? field(entry.before, 'courseId')));
  const phaseType =
    entry.phaseType ??
    (entry.entity === 'phase-type'
      ? entry.entityId
      : (field(entry.after, 'phase') ?? field(entry.before, 'phase')));
  await tx.query(
    `INSERT INTO audit_log (actor_id, action, entity, entity_id, before, after, course_id, phase_type)
     VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb, $7, $8)`,
    [
      entry.actorId,
      entry.action,
      entry.entity,
      entry.entityId,
      entry.before === undefined ? null : JSON.stringify(entry.before),
      entry.after === undefined ? null : JSON.stringify(entry.after),
      courseId,
      phaseType,
    ],
  );
}
