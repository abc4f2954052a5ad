/**
 * Health probes of the phase versions courses use: the version each course phase's pin selects
 * now. A probe fetches the version's MF manifest and compares its SHA-384 with the integrity
 * recorded at registration (a changed or missing file fails, as it would fail in the browser),
 * and for client-and-server phases asks the server's `/readyz`. Results are kept in the database,
 * so every replica shows the last one; probes run on a schedule and on demand.
 */
import { createHash } from 'node:crypto';
import type { HealthCheck, ProbeRun, VersionHealth } from '@coursekit/phase-sdk/contract';
import type { Db } from '../../db/Db.js';
import { resolvePin } from '../coursePhases/resolvePin.js';
import { CatalogueRepository, type VersionWithSchema } from './catalogueRepository.js';

/** What a probe needs from the network: status and body, bounded in time and size. */
export type ProbeFetch = (
  url: string,
  timeoutMs: number,
) => Promise<{ status: number; body: Uint8Array }>;

const MAX_BYTES = 1_000_000;

/** The default probe fetch: no redirects followed, bodies above 1 MB refused. */
export const boundedFetch: ProbeFetch = async (url, timeoutMs) => {
  const response = await fetch(url, {
    signal: AbortSignal.timeout(timeoutMs),
    redirect: 'manual',
    headers: { 'user-agent': 'coursekit-health-probe' },
  });
  const body = new Uint8Array(await response.arrayBuffer());
  if (body.byteLength > MAX_BYTES) throw new Error(`answer larger than ${MAX_BYTES} bytes`);
  return { status: response.status, body };
};

const reasonOf = (error: unknown, timeoutMs: number): string =>
  error instanceof Error && error.name === 'TimeoutError'
    ? `no answer within ${timeoutMs} ms`
    : `unreachable (${String((error as Error)?.cause ?? (error as Error)?.message ?? error)})`;

export class HealthProbeService {
  constructor(
    private readonly db: Db,
    private readonly options: { timeoutMs: number; fetch?: ProbeFetch },
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

  private async get(url: string) {
    return (this.options.fetch ?? boundedFetch)(url, this.options.timeoutMs);
  }

  private async checkManifest(version: VersionWithSchema): Promise<HealthCheck> {
    const file = new URL(version.manifestUrl).pathname.split('/').pop() ?? '';
    const expected = version.integrity[file];
    try {
      const { status, body } = await this.get(version.manifestUrl);
      if (status < 200 || status > 299)
        return {
          name: 'manifest',
          ok: false,
          detail: `HTTP ${status} from ${version.manifestUrl}`,
        };
      if (!expected)
        return { name: 'manifest', ok: false, detail: `no integrity was recorded for ${file}` };
      const actual = `sha384-${createHash('sha384').update(body).digest('base64')}`;
      return actual === expected
        ? { name: 'manifest', ok: true, detail: 'reachable, integrity matches' }
        : {
            name: 'manifest',
            ok: false,
            detail: `integrity mismatch: ${file} changed since this version was registered`,
          };
    } catch (error) {
      return { name: 'manifest', ok: false, detail: reasonOf(error, this.options.timeoutMs) };
    }
  }

  private async checkServer(serverUrl: string): Promise<HealthCheck> {
    const url = new URL('readyz', serverUrl.endsWith('/') ? serverUrl : `${serverUrl}/`).href;
    try {
      const { status } = await this.get(url);
      return status >= 200 && status <= 299
        ? { name: 'server', ok: true, detail: 'ready' }
        : { name: 'server', ok: false, detail: `HTTP ${status} from ${url}` };
    } catch (error) {
      return { name: 'server', ok: false, detail: reasonOf(error, this.options.timeoutMs) };
    }
  }
}
