/** SQL for phase types and their versions. */
import type {
  PhaseFirstRender,
  PhaseKind,
  PhaseType,
  PhaseVersion,
  PhaseVersionStatus,
} from '@coursekit/phase-sdk/contract';
import type { Queryable } from '@coursekit/phase-sdk/server';
import semver from 'semver';

interface VersionRow {
  id: string;
  phase_type: string;
  version: string;
  descriptor_url: string;
  manifest_url: string;
  server_url: string | null;
  sdk_range: string;
  integrity: Record<string, string>;
  first_render: unknown;
  status: PhaseVersionStatus;
  registered_at: Date | string;
}

export const toPhaseVersion = (row: VersionRow): PhaseVersion => ({
  id: row.id,
  phase: row.phase_type,
  version: row.version,
  descriptorUrl: row.descriptor_url,
  manifestUrl: row.manifest_url,
  serverUrl: row.server_url,
  sdk: row.sdk_range,
  integrity: row.integrity,
  status: row.status,
  registeredAt: new Date(row.registered_at).toISOString(),
});

/** Highest active version by semver, or `null`. */
export function latestActive<T extends { version: string; status: string }>(
  versions: T[],
): T | null {
  return (
    versions
      .filter((v) => v.status === 'active')
      .sort((a, b) => semver.rcompare(a.version, b.version))[0] ?? null
  );
}

export class PhaseTypeRepository {
  constructor(private readonly db: Queryable) {}

  async list(): Promise<PhaseType[]> {
    const types = await this.db.query<{
      name: string;
      title: string;
      kind: PhaseKind;
      description: string;
    }>('SELECT name, title, kind, description FROM phase_types ORDER BY name');
    const versions = await this.db.query<{ phase_type: string; version: string; status: string }>(
      'SELECT phase_type, version, status FROM phase_versions',
    );
    return types.map((type) => ({
      ...type,
      latestVersion:
        latestActive(versions.filter((v) => v.phase_type === type.name))?.version ?? null,
    }));
  }

  async find(
    name: string,
  ): Promise<{ name: string; title: string; kind: PhaseKind; description: string } | null> {
    const [row] = await this.db.query<{
      name: string;
      title: string;
      kind: PhaseKind;
      description: string;
    }>('SELECT name, title, kind, description FROM phase_types WHERE name = $1', [name]);
    return row ?? null;
  }

  /** Insert a phase type; `false` when the name is taken. */
  async insert(type: {
    name: string;
    title: string;
    kind: PhaseKind;
    description: string;
  }): Promise<boolean> {
    const rows = await this.db.query(
      `INSERT INTO phase_types (name, title, kind, description) VALUES ($1, $2, $3, $4)
       ON CONFLICT (name) DO NOTHING RETURNING name`,
      [type.name, type.title, type.kind, type.description],
    );
    return rows.length === 1;
  }

  /** Remove a type nothing uses yet (no version, no course phase); `false` when it stays. */
  async deleteUnused(name: string): Promise<boolean> {
    const rows = await this.db.query(
      `DELETE FROM phase_types t WHERE t.name = $1
         AND NOT EXISTS (SELECT 1 FROM phase_versions v WHERE v.phase_type = t.name)
         AND NOT EXISTS (SELECT 1 FROM course_phases c WHERE c.phase_type = t.name)
       RETURNING name`,
      [name],
    );
    return rows.length === 1;
  }

  async versions(name: string): Promise<PhaseVersion[]> {
    const rows = await this.db.query<VersionRow>(
      'SELECT * FROM phase_versions WHERE phase_type = $1',
      [name],
    );
    return rows.map(toPhaseVersion).sort((a, b) => semver.rcompare(a.version, b.version));
  }

  /** Where browsers load served versions from: `phase.json` and manifest URLs of all but yanked ones. */
  async servedUrls(): Promise<string[]> {
    const rows = await this.db.query<{ descriptor_url: string; manifest_url: string }>(
      "SELECT descriptor_url, manifest_url FROM phase_versions WHERE status <> 'yanked'",
    );
    return rows.flatMap((row) => [row.descriptor_url, row.manifest_url]);
  }

  async findVersion(name: string, version: string): Promise<PhaseVersion | null> {
    const [row] = await this.db.query<VersionRow>(
      'SELECT * FROM phase_versions WHERE phase_type = $1 AND version = $2',
      [name, version],
    );
    return row ? toPhaseVersion(row) : null;
  }

  /** Insert a version; `null` when that version is already registered. */
  async insertVersion(
    version: Omit<PhaseVersion, 'id' | 'registeredAt' | 'status'>,
    firstRender: PhaseFirstRender | null = null,
  ): Promise<PhaseVersion | null> {
    const [row] = await this.db.query<VersionRow>(
      `INSERT INTO phase_versions (phase_type, version, descriptor_url, manifest_url, server_url, sdk_range, integrity, first_render)
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb)
       ON CONFLICT (phase_type, version) DO NOTHING
       RETURNING *`,
      [
        version.phase,
        version.version,
        version.descriptorUrl,
        version.manifestUrl,
        version.serverUrl,
        version.sdk,
        JSON.stringify(version.integrity),
        firstRender === null ? null : JSON.stringify(firstRender),
      ],
    );
    return row ? toPhaseVersion(row) : null;
  }

  /**
   * Record the first-render files of a version registered before the registry read them;
   * `false` when it has them already (another replica's probe came first).
   */
  async recordFirstRender(id: string, firstRender: PhaseFirstRender): Promise<boolean> {
    const rows = await this.db.query(
      `UPDATE phase_versions SET first_render = $2::jsonb
       WHERE id = $1 AND first_render IS NULL RETURNING id`,
      [id, JSON.stringify(firstRender)],
    );
    return rows.length === 1;
  }

  /**
   * Refresh a version after a development rebuild under the same version (seed only): the new
   * build's integrity and first-render files, and the server URL it is configured with now.
   */
  async refreshBuild(
    id: string,
    integrity: Record<string, string>,
    serverUrl: string | null,
    firstRender: PhaseFirstRender | null,
  ): Promise<void> {
    await this.db.query(
      `UPDATE phase_versions SET integrity = $2::jsonb, server_url = $3, first_render = $4::jsonb
       WHERE id = $1`,
      [
        id,
        JSON.stringify(integrity),
        serverUrl,
        firstRender === null ? null : JSON.stringify(firstRender),
      ],
    );
  }
}
