/**
 * Health probes of the phase versions courses use: the version each course phase's pin selects
 * now. A probe fetches the version's MF manifest and compares its SHA-384 with the integrity
 * recorded at registration (a changed or missing file fails, as it would fail in the browser),
 * and for client-and-server phases asks the server's `/readyz`. Results are kept in the database,
 * so every replica shows the last one; probes run on a schedule and on demand, through the
 * registry's SSRF-safe fetch (the same policy as registration: in production, public addresses
 * only). A version registered before the registry read first-render files from manifests gets
 * them from the first probe whose manifest matches its hash, so browsers fetch its files together.
 */
import { createHash } from 'node:crypto';
import type { HealthCheck, ProbeRun, VersionHealth } from '@coursekit/phase-sdk/contract';
import type { Db } from '../../db/Db.js';
import { type FetchPolicy, SafeFetchError, safeFetch } from '../../net/safeFetch.js';
import { bumpCompositionRevision } from '../coursePhases/compositionRevision.js';
import { resolvePin } from '../coursePhases/resolvePin.js';
import { firstRenderFiles } from '../phaseTypes/firstRenderFiles.js';
import { PhaseTypeRepository } from '../phaseTypes/phaseTypeRepository.js';
import { CatalogueRepository, type VersionWithSchema } from './catalogueRepository.js';

/** A probe's failure as a detail an admin can act on (never what lies behind an address). */
const reasonOf = (url: string, error: unknown): string =>
  error instanceof SafeFetchError ? `${url} ${error.message}` : `${url} could not be probed`;

export class HealthProbeService {
  constructor(
    private readonly db: Db,
    /** The registry's policy for URLs it is given (SSRF), with the probes' own time-out. */
    private readonly fetchPolicy: FetchPolicy,
  ) {}

  /** The versions some course phase's pin selects now. */
  async versionsInUse(): Promise<VersionWithSchema[]> {
    const catalogue = new CatalogueRepository(this.db);
    const versions = await catalogue.versions();
    const inUse = new Map<string, VersionWithSchema>();
    for (const { phase, pin } of await catalogue.coursePhasePins()) {
      const { version } = resolvePin(
        phase,
        versions.filter((v) => v.phase === phase),
        pin,
      );
      if (version) inUse.set(version.id, version);
    }
    return [...inUse.values()];
  }

  /** Probe every version in use now and keep the results. */
  async probeAll(): Promise<ProbeRun> {
    const probed: ProbeRun['probed'] = [];
    for (const version of await this.versionsInUse()) {
      probed.push({
        phase: version.phase,
        version: version.version,
        health: await this.probe(version),
      });
    }
    return { probed };
  }

  async probe(version: VersionWithSchema): Promise<VersionHealth> {
    const checks = [await this.checkManifest(version)];
    if (version.serverUrl) checks.push(await this.checkServer(version.serverUrl));
    const status = checks.every((check) => check.ok) ? 'ok' : 'failing';
    return new CatalogueRepository(this.db).saveHealth(version.id, status, checks);
  }

  private async checkManifest(version: VersionWithSchema): Promise<HealthCheck> {
    const file = new URL(version.manifestUrl).pathname.split('/').pop() ?? '';
    const expected = version.integrity[file];
    try {
      const { body } = await safeFetch(version.manifestUrl, this.fetchPolicy);
      if (!expected)
        return { name: 'manifest', ok: false, detail: `no integrity was recorded for ${file}` };
      const actual = `sha384-${createHash('sha384').update(body).digest('base64')}`;
      if (actual !== expected) {
        return {
          name: 'manifest',
          ok: false,
          detail: `integrity mismatch: ${file} changed since this version was registered`,
        };
      }
      if (!version.firstRender) await this.recordFirstRender(version, body);
      return { name: 'manifest', ok: true, detail: 'reachable, integrity matches' };
    } catch (error) {
      return { name: 'manifest', ok: false, detail: reasonOf(version.manifestUrl, error) };
    }
  }

  /** Read the first-render files from the checked manifest; a new record changes resolve answers. */
  private async recordFirstRender(version: VersionWithSchema, manifest: Buffer): Promise<void> {
    const baseUrl = new URL('.', version.descriptorUrl).href;
    if (!version.manifestUrl.startsWith(baseUrl)) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(manifest.toString('utf8'));
    } catch {
      return;
    }
    const firstRender = firstRenderFiles(
      { manifest: version.manifestUrl.slice(baseUrl.length), integrity: version.integrity },
      parsed,
    );
    if (!firstRender) return;
    await this.db.transaction(async (tx) => {
      if (await new PhaseTypeRepository(tx).recordFirstRender(version.id, firstRender))
        await bumpCompositionRevision(tx);
    });
  }

  private async checkServer(serverUrl: string): Promise<HealthCheck> {
    const url = new URL('readyz', serverUrl.endsWith('/') ? serverUrl : `${serverUrl}/`).href;
    try {
      await safeFetch(url, this.fetchPolicy, { maxBytes: 64_000 });
      return { name: 'server', ok: true, detail: 'ready' };
    } catch (error) {
      return { name: 'server', ok: false, detail: reasonOf(url, error) };
    }
  }
}
