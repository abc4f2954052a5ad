/**
 * The phase catalogue as the admin console shows it: each phase type with its versions, where each
 * version's bundle lives, which courses use it, and the last health probe of each version in use.
 */
import { z } from 'zod';
import { JsonSchema, PhaseName, SemVer } from './phaseDescriptor.js';
import { PhaseType, PhaseVersion } from './phaseType.js';
import { storableText } from './storable.js';

/** One check of a probe: the manifest (reachable, matching its recorded integrity) or the server. */
export const HealthCheck = z.object({
  name: z.enum(['manifest', 'server']),
  ok: z.boolean(),
  /** What was found, e.g. "HTTP 404" or "integrity mismatch". */
  detail: storableText(),
});
export type HealthCheck = z.infer<typeof HealthCheck>;

/** `unknown`: not probed yet (versions no course uses are not probed). */
export const HealthStatus = z.enum(['ok', 'failing', 'unknown']);
export type HealthStatus = z.infer<typeof HealthStatus>;

export const VersionHealth = z.object({
  status: HealthStatus,
  checkedAt: z.iso.datetime({ offset: true }).nullable(),
  checks: z.array(HealthCheck),
});
export type VersionHealth = z.infer<typeof VersionHealth>;

export const CatalogueVersion = PhaseVersion.extend({
  health: VersionHealth,
  /** Course phases that resolve to this version now. */
  usedBy: z.number().int().min(0),
  configSchema: JsonSchema.nullable(),
});
export type CatalogueVersion = z.infer<typeof CatalogueVersion>;

export const CatalogueEntry = PhaseType.extend({
  versions: z.array(CatalogueVersion),
});
export type CatalogueEntry = z.infer<typeof CatalogueEntry>;

export const Catalogue = z.array(CatalogueEntry);
export type Catalogue = z.infer<typeof Catalogue>;

/** The answer of an on-demand probe run: each probed version with its new health. */
export const ProbeRun = z.object({
  probed: z.array(z.object({ phase: PhaseName, version: SemVer, health: VersionHealth })),
});
export type ProbeRun = z.infer<typeof ProbeRun>;
