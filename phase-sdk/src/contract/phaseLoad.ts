/**
 * Phase-load telemetry: each host reports how its phase loads settled (loaded, or failed at which
 * stage, after how long), and admins read them aggregated per phase version. Only registered
 * phase versions are accepted, so reports cannot invent phases or grow the metrics' labels.
 */
import { z } from 'zod';
import { PhaseName, SemVer } from './phaseDescriptor.js';

/** Where a phase load can fail, in the order a load passes them. */
export const PHASE_LOAD_STAGES = [
  'manifest',
  'entry',
  'expose',
  'shared',
  'sdk',
  'integrity',
  'render',
  'phase-server',
] as const;
export const PhaseLoadStage = z.enum(PHASE_LOAD_STAGES);
export type PhaseLoadStage = z.infer<typeof PhaseLoadStage>;

export const PhaseLoadReport = z
  .object({
    phase: PhaseName,
    version: SemVer,
    outcome: z.enum(['loaded', 'failed']),
    stage: PhaseLoadStage.optional(),
    durationMs: z.number().int().min(0).max(3_600_000),
    attempts: z.number().int().min(1).max(100),
  })
  .refine((report) => (report.outcome === 'failed') === (report.stage !== undefined), {
    message: 'a failed load names its stage, a loaded one does not',
    path: ['stage'],
  });
export type PhaseLoadReport = z.infer<typeof PhaseLoadReport>;

/** What a host sends at once: the loads it settled since it last reported. */
export const PhaseLoadReports = z.object({
  reports: z.array(PhaseLoadReport).min(1).max(50),
});
export type PhaseLoadReports = z.infer<typeof PhaseLoadReports>;

export const PhaseLoadStatsQuery = z.object({
  phase: PhaseName.optional(),
  /** How many days back, today included. */
  days: z.coerce.number().int().min(1).max(90).default(7),
});

export const PhaseLoadStat = z.object({
  phase: PhaseName,
  version: SemVer,
  outcome: z.enum(['loaded', 'failed']),
  stage: PhaseLoadStage.nullable(),
  count: z.number().int(),
  averageMs: z.number().int(),
  maxMs: z.number().int(),
  lastAt: z.iso.datetime({ offset: true }),
});
export type PhaseLoadStat = z.infer<typeof PhaseLoadStat>;

export const PhaseLoadStats = z.object({ items: z.array(PhaseLoadStat) });
export type PhaseLoadStats = z.infer<typeof PhaseLoadStats>;
