/** Phase types and their registered versions (admin API). */
import { z } from 'zod';
import { Integrity, PhaseKind, PhaseName, SemVer } from './phaseDescriptor.js';
import { Id } from './user.js';

export const PhaseType = z.object({
  name: PhaseName,
  title: z.string(),
  kind: PhaseKind,
  description: z.string(),
  latestVersion: SemVer.nullable(),
});
export type PhaseType = z.infer<typeof PhaseType>;

export const CreatePhaseType = z.object({
  name: PhaseName,
  title: z.string().trim().min(1).max(100),
  kind: PhaseKind,
  description: z.string().max(500).default(''),
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
  descriptorUrl: z.url(),
  manifestUrl: z.url(),
  serverUrl: z.url().nullable(),
  sdk: z.string(),
  integrity: z.record(z.string(), Integrity),
  status: PhaseVersionStatus,
  registeredAt: z.iso.datetime({ offset: true }),
});
export type PhaseVersion = z.infer<typeof PhaseVersion>;

export const RegisterPhaseVersion = z.object({
  /** Absolute http(s) URL of the build's `phase.json`. */
  descriptorUrl: z.url({ protocol: /^https?$/ }),
  /** Base URL of the phase's own server (client-and-server phases only). */
  serverUrl: z
    .url({ protocol: /^https?$/ })
    .nullable()
    .default(null),
});
export type RegisterPhaseVersion = z.input<typeof RegisterPhaseVersion>;

export const PhaseTypeParams = z.object({ name: PhaseName });
