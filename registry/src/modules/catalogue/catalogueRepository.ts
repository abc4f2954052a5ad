/**
 * SQL for the catalogue view of phase versions: their configuration schemas, which course phases
 * use which version, and the last health probe of each version.
 */
import {
  type HealthCheck,
  type JsonSchema,
  PhaseFirstRender,
  type PhaseVersion,
  type VersionHealth,
} from '@coursekit/phase-sdk/contract';
import semver from 'semver';
import type { Queryable } from '../../db/Db.js';
import { toPhaseVersion } from '../phaseTypes/phaseTypeRepository.js';

export type VersionWithSchema = PhaseVersion & {
  configSchema: JsonSchema | null;
  /** The files of its first render; `null` for versions registered before they were recorded. */
  firstRender: PhaseFirstRender | null;
};

type VersionRow = Parameters<typeof toPhaseVersion>[0] & { config_schema: JsonSchema | null };

const toVersionWithSchema = (row: VersionRow): VersionWithSchema => ({
  ...toPhaseVersion(row),
  configSchema: row.config_schema ?? null,
  firstRender: PhaseFirstRender.safeParse(row.first_render).data ?? null,
});

export const UNKNOWN_HEALTH: VersionHealth = { status: 'unknown', checkedAt: null, checks: [] };

export class CatalogueRepository {
  constructor(private readonly db: Queryable) {}

  /** Versions of one phase type (or of all, keyed by type), newest first. */
  async versions(phase?: string): Promise<VersionWithSchema[]> {
    const rows = await this.db.query<VersionRow>(
      'SELECT * FROM phase_versions WHERE $1::text IS NULL OR phase_type = $1',
      [phase ?? null],
    );
    return rows.map(toVersionWithSchema).sort((a, b) => semver.rcompare(a.version, b.version));
  }

  async setConfigSchema(versionId: string, schema: JsonSchema | null): Promise<void> {
    await this.db.query('UPDATE phase_versions SET config_schema = $2::jsonb WHERE id = $1', [
      versionId,
      schema === null ? null : JSON.stringify(schema),
    ]);
  }

  /** Every course phase with its type and pin (all courses): what the probes and usage count read. */
  async coursePhasePins(): Promise<{ phase: string; pin: string }[]> {
    return this.db.query<{ phase: string; pin: string }>(
      'SELECT phase_type AS phase, pin FROM course_phases',
    );
  }

  async health(): Promise<Map<string, VersionHealth>> {
    const rows = await this.db.query<{
      version_id: string;
      status: 'ok' | 'failing';
      checks: HealthCheck[];
      checked_at: Date | string;
    }>('SELECT version_id, status, checks, checked_at FROM phase_version_health');
    return new Map(
      rows.map((row) => [
        row.version_id,
        {
          status: row.status,
          checks: row.checks,
          checkedAt: new Date(row.checked_at).toISOString(),
        },
      ]),
    );
  }

  async saveHealth(
    versionId: string,
    status: 'ok' | 'failing',
    checks: HealthCheck[],
  ): Promise<VersionHealth> {
    const [row] = await this.db.query<{ checked_at: Date | string }>(
      `INSERT INTO phase_version_health (version_id, status, checks, checked_at)
       VALUES ($1, $2, $3::jsonb, now())
       ON CONFLICT (version_id) DO UPDATE SET status = EXCLUDED.status, checks = EXCLUDED.checks,
         checked_at = EXCLUDED.checked_at
       RETURNING checked_at`,
      [versionId, status, JSON.stringify(checks)],
    );
    return { status, checks, checkedAt: new Date(row?.checked_at ?? Date.now()).toISOString() };
  }
}
