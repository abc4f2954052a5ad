/** Phase types and their registered versions (admin API). */
import { z } from 'zod';
import { Integrity, PhaseKind, PhaseName, SemVer } from './phaseDescriptor.js';
import { httpUrl, storableText, storableTextCheck } from './storable.js';
import { Id } from './user.js';

export const PhaseType = z.object({
  name: PhaseName,
  title: storableText(),
  kind: PhaseKind,
  description: storableText(),
  latestVersion: SemVer.nullable(),
});
export type PhaseType = z.infer<typeof PhaseType>;

export const CreatePhaseType = z.object({
  name: PhaseName,
  title: storableText().trim().min(1).max(100),
  kind: PhaseKind,
  description: storableText().max(500).default(''),
});
export type CreatePhaseType = z.input<typeof CreatePhaseType>;

/**
 * `active`: offered; `deprecated`: kept for courses pinned to it but never chosen by `latest`;
 * `yanked`: never served again, and courses pinned to it fell back to an earlier version.
 */
export const PhaseVersionStatus = z.enum(['active', 'deprecated', 'yanked']);
export type PhaseVersionStatus = z.infer<typeof PhaseVersionStatus>;

export const PhaseVersion = z.object({
  id: Id,
  phase: PhaseName,
  version: SemVer,
  descriptorUrl: z.url().check(storableTextCheck),
  manifestUrl: z.url().check(storableTextCheck),
  serverUrl: z.url().check(storableTextCheck).nullable(),
  sdk: storableText(),
  integrity: z.record(storableText(), Integrity),
  status: PhaseVersionStatus,
  registeredAt: z.iso.datetime({ offset: true }),
});
export type PhaseVersion = z.infer<typeof PhaseVersion>;

export const RegisterPhaseVersion = z.object({
  /** Absolute http(s) URL of the build's `phase.json`. */
  descriptorUrl: httpUrl(),
  /** Base URL of the phase's own server (client-and-server phases only). */
  serverUrl: httpUrl().nullable().default(null),
});
export type RegisterPhaseVersion = z.input<typeof RegisterPhaseVersion>;

export const PhaseTypeParams = z.object({ name: PhaseName });
