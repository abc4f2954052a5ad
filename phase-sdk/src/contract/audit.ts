/**
 * The audit log on the wire: every admin change (who, when, what, before → after), readable per
 * course and per phase type, newest first, in pages that continue from a cursor.
 */
import { z } from 'zod';
import { PhaseName } from './phaseDescriptor.js';
import { storableJson, storableText } from './storable.js';
import { Id } from './user.js';

export const AuditEntry = z.object({
  /** Increasing with time; the cursor of the next page is the last id of this one. */
  id: storableText().regex(/^\d+$/),
  at: z.iso.datetime({ offset: true }),
  /** Who made the change; `null` for the platform itself (seed, scheduled jobs). */
  actor: z.object({ id: Id, email: storableText(), name: storableText() }).nullable(),
  /** What happened, e.g. `course-phase.update` or `course.member.remove`. */
  action: storableText(),
  entity: storableText(),
  entityId: storableText(),
  courseId: Id.nullable(),
  phaseType: PhaseName.nullable(),
  before: storableJson().nullable(),
  after: storableJson().nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditQuery = z
  .object({
    /** Part of the actor's email or name, case-insensitive. */
    actor: storableText().trim().max(100).optional(),
    /** An action, or a prefix of one ending in a dot (`course-phase.`). */
    action: storableText()
      .regex(/^[a-z][a-z.-]*$/, 'an action such as "course-phase.update" or a prefix "course."')
      .max(100)
      .optional(),
    since: z.iso.datetime({ offset: true }).optional(),
    until: z.iso.datetime({ offset: true }).optional(),
    /** The `nextCursor` of the previous page. */
    cursor: storableText().regex(/^\d+$/, 'the nextCursor of a previous page').max(19).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .refine((query) => !query.since || !query.until || query.since <= query.until, {
    message: '"since" must not be after "until"',
    path: ['since'],
  });
/** What a client sends (every field optional; the registry applies the defaults). */
export type AuditQuery = Partial<z.output<typeof AuditQuery>>;

export const AuditPage = z.object({
  items: z.array(AuditEntry),
  /** Pass as `cursor` for the next (older) page; `null` on the last page. */
  nextCursor: storableText().nullable(),
});
export type AuditPage = z.infer<typeof AuditPage>;
