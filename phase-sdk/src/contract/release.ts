/**
 * Releasing phases: deprecating and yanking versions, and the notices lecturers get when a version
 * their course used is yanked.
 */
import { z } from 'zod';
import { PhaseName, SemVer } from './phaseDescriptor.js';
import { PhaseVersion, PhaseVersionStatus } from './phaseType.js';
import { storableText } from './storable.js';
import { Id } from './user.js';

/** `:name` and `:version` of a phase version's routes. */
export const VersionParams = z.object({ name: PhaseName, version: SemVer });

export const SetPhaseVersionStatus = z.object({
  status: PhaseVersionStatus,
  /** Why: shown in the audit log and in the notice to lecturers of a yank. */
  reason: storableText().trim().max(500).default(''),
});
export type SetPhaseVersionStatus = z.input<typeof SetPhaseVersionStatus>;

/** A course phase that a yank moved off the yanked version. */
export const PinFallback = z.object({
  courseId: Id,
  coursePhaseId: Id,
  from: SemVer,
  /** The version it is pinned to now, or `latest` when no earlier usable version exists. */
  to: z.union([z.literal('latest'), SemVer]),
});

export const PhaseVersionStatusChange = z.object({
  version: PhaseVersion,
  fallbacks: z.array(PinFallback),
});
export type PhaseVersionStatusChange = z.infer<typeof PhaseVersionStatusChange>;

/** A notice to a user (e.g. a lecturer whose course was moved off a yanked version). */
export const Notice = z.object({
  id: Id,
  courseId: Id.nullable(),
  kind: z.enum(['phase-version-yanked']),
  title: storableText(),
  body: storableText(),
  createdAt: z.iso.datetime({ offset: true }),
  readAt: z.iso.datetime({ offset: true }).nullable(),
});
export type Notice = z.infer<typeof Notice>;
export const NoticeParams = z.object({ noticeId: Id });
