/**
 * Core storage on the wire. Course-phase documents (`phase_data`) have the scopes `shared`
 * (members read, staff write) and `restricted` (staff only); participation documents
 * (`participation_data`) have `own` (the participant and staff) and `restricted` (staff only).
 * Every document carries a version that grows by one per write; a write names the version it read
 * (`If-Match: "<version>"`, `"0"` for a document not written yet) and a stale one gets 409 with
 * the current document. Documents are any JSON value up to `MAX_DOCUMENT_BYTES`.
 */
import { z } from 'zod';
import { Problem } from './problem.js';
import { storableJson, storableText } from './storable.js';
import { Email, Id } from './user.js';

export const MAX_DOCUMENT_BYTES = 256 * 1024;

export const CourseDataScope = z.enum(['shared', 'restricted']);
export type CourseDataScope = z.infer<typeof CourseDataScope>;

export const ParticipantDataScope = z.enum(['own', 'restricted']);
export type ParticipantDataScope = z.infer<typeof ParticipantDataScope>;

/** A stored document as read: `version` 0 and `doc` null when nothing was written yet. */
export const StoredDocument = z.object({
  version: z.number().int().min(0),
  doc: storableJson().nullable(),
  updatedAt: z.iso.datetime({ offset: true }).nullable(),
  updatedBy: Id.nullable(),
});
export type StoredDocument = z.infer<typeof StoredDocument>;

/** `ETag` / `If-Match` value of a version. */
export const versionTag = (version: number) => `"${version}"`;

/** Read a version from an `If-Match` / `ETag` header (`"3"`, `W/"3"`); `null` when malformed. */
export function parseVersionTag(header: string | undefined): number | null {
  const match = header?.trim().match(/^(?:W\/)?"(\d{1,9})"$/);
  return match?.[1] === undefined ? null : Number(match[1]);
}

/** 409 answer of a stale write: the problem plus what is stored now, so the client can merge. */
export const VersionConflict = Problem.extend({ current: StoredDocument });
export type VersionConflict = z.infer<typeof VersionConflict>;

export const CourseDataParams = z.object({ coursePhaseId: Id, scope: CourseDataScope });
export const ParticipantDataParams = z.object({
  coursePhaseId: Id,
  userId: Id,
  scope: ParticipantDataScope,
});

/** One participant (a student of the course) and their document in one scope. */
export const ParticipantDocument = StoredDocument.extend({
  userId: Id,
  email: Email,
  name: storableText(),
});
export type ParticipantDocument = z.infer<typeof ParticipantDocument>;

export const ParticipantsQuery = z.object({
  scope: ParticipantDataScope.default('own'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** Opaque cursor from the previous page's `nextCursor`. */
  cursor: storableText().max(500).optional(),
});

export const ParticipantsPage = z.object({
  items: z.array(ParticipantDocument),
  nextCursor: storableText().nullable(),
});
export type ParticipantsPage = z.infer<typeof ParticipantsPage>;
