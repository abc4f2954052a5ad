/**
 * Health probes of the phase versions courses use, over real HTTP: a manifest that is reachable
 * and matches its recorded integrity is ok, a changed or missing one fails; a client-and-server
 * phase also needs its server's /readyz. Results are kept and shown in the catalogue; probes run
 * on demand and, when configured, on a schedule.
 */
import { Catalogue, ProbeRun } from '@coursekit/phase-sdk/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compose, type ReadinessServer, startReadinessServer } from './support/adminFixtures.js';
import {
  type PhaseBuildServer,
  phaseBuild,
  startPhaseBuildServer,
} from './support/phaseBuildServer.js';
import { createTestApp, type TestApp } from './support/testApp.js';

const ADMIN = 'admin@coursekit.test';

describe('health probes', () => {
  let t: TestApp;
  let builds: PhaseBuildServer;
  let server: ReadinessServer;

  beforeAll(async () => {
    [t, builds, server] = await Promise.all([
      createTestApp('pglite'),
      startPhaseBuildServer(),
      startReadinessServer(),
    ]);
    const admin = (url: string, payload: Record<string, unknown>) =>
      t.as(ADMIN, { method: 'POST', url, payload });
    await admin('/api/phase-types', { name: 'welcome', title: 'Welcome', kind: 'client-only' });
    await admin('/api/phase-types', { name: 'teams', title: 'Teams', kind: 'client-and-server' });
    builds.publish('/welcome/1.0.0', phaseBuild('welcome', '1.0.0'));
    builds.publish('/welcome/2.0.0', phaseBuild('welcome', '2.0.0'));
    builds.publish(
      '/teams/1.0.0',
      phaseBuild('teams', '1.0.0', { descriptor: { kind: 'client-and-server' } }),
    );
    for (const [name, version, serverUrl] of [
      ['welcome', '1.0.0', null],
      ['welcome', '2.0.0', null],
      ['teams', '1.0.0', server.url],
    ] as const) {
      const registered = await admin(`/api/phase-types/${name}/versions`, {
        descriptorUrl: `${builds.origin}/${name}/${version}/phase.json`,
        serverUrl,
      });
      expect(registered.statusCode, registered.body).toBe(201);
    }
    for (const [phase, title, pin] of [
      ['welcome', 'Welcome', '1.0.0'],
      ['teams', 'Teams', 'latest'],
    ] as const) {
      const added = await compose(t, ADMIN, t.courseId, {
        method: 'POST',
        payload: { phase, title, pin },
      });
      expect(added.statusCode, added.body).toBe(201);
    }
  });
  afterAll(async () => {
    await Promise.all([t?.close(), builds?.close(), server?.close()]);
  });

  const probe = async () => {
    const run = await t.as(ADMIN, { method: 'POST', url: '/api/admin/health-probes' });
    expect(run.statusCode, run.body).toBe(200);
    return ProbeRun.parse(run.json()).probed;
  };
  const catalogue = async (email = ADMIN) =>
    Catalogue.parse((await t.as(email, { method: 'GET', url: '/api/admin/catalogue' })).json());
  const healthOf = async (phase: string, version: string) =>
    (await catalogue()).find((p) => p.name === phase)?.versions.find((v) => v.version === version)
      ?.health;

  it('probes only the versions courses use, and keeps each result', async () => {
    const probed = await probe();
    expect(probed.map((p) => `${p.phase}@${p.version}:${p.health.status}`).sort()).toEqual([
      'teams@1.0.0:ok',
      'welcome@1.0.0:ok',
    ]);
    expect(await healthOf('teams', '1.0.0')).toMatchObject({
      status: 'ok',
      checks: [
        { name: 'manifest', ok: true },
        { name: 'server', ok: true },
      ],
    });
    // Nobody uses 2.0.0 (the course pinned 1.0.0): never probed.
    expect(await healthOf('welcome', '2.0.0')).toEqual({
      status: 'unknown',
      checkedAt: null,
      checks: [],
    });
    const welcome = (await catalogue()).find((p) => p.name === 'welcome');
    expect(welcome?.versions.map((v) => [v.version, v.usedBy])).toEqual([
      ['2.0.0', 0],
      ['1.0.0', 1],
    ]);
  });

  it('fails a version whose manifest changed since it was registered, or whose server is not ready', async () => {
    builds.publish('/welcome/1.0.0', {
      'mf-manifest.json': { name: 'welcome', tampered: true },
    });
    server.setReady(false);
    await probe();
    expect(await healthOf('welcome', '1.0.0')).toMatchObject({
      status: 'failing',
      checks: [
        {
          name: 'manifest',
          ok: false,
          detail: 'integrity mismatch: mf-manifest.json changed since this version was registered',
        },
      ],
    });
    expect((await healthOf('teams', '1.0.0'))?.checks).toEqual([
      { name: 'manifest', ok: true, detail: 'reachable, integrity matches' },
      {
        name: 'server',
        ok: false,
        detail: `${server.url}/readyz could not be fetched (no answer, or an answer other than 200 OK); check the URL and that the build is published there`,
      },
    ]);
    server.setReady(true);
    builds.publish('/welcome/1.0.0', phaseBuild('welcome', '1.0.0'));
    await probe();
    expect((await healthOf('welcome', '1.0.0'))?.status).toBe('ok');
  });

  it('probes on a schedule when an interval is configured', async () => {
    const scheduled = await createTestApp('pglite', { HEALTH_PROBE_INTERVAL_SECONDS: '1' });
    try {
      await scheduled.as(ADMIN, {
        method: 'POST',
        url: '/api/phase-types',
        payload: { name: 'welcome', title: 'Welcome', kind: 'client-only' },
      });
      await scheduled.as(ADMIN, {
        method: 'POST',
        url: '/api/phase-types/welcome/versions',
        payload: { descriptorUrl: `${builds.origin}/welcome/2.0.0/phase.json` },
      });
      await compose(scheduled, ADMIN, scheduled.courseId, {
        method: 'POST',
        payload: { phase: 'welcome', title: 'Welcome' },
      });
      // Wait for what an admin would see: the badge turning from unknown to ok.
      await expect
        .poll(
          async () =>
            Catalogue.parse(
              (await scheduled.as(ADMIN, { method: 'GET', url: '/api/admin/catalogue' })).json(),
            )[0]?.versions[0]?.health.status,
          { timeout: 30_000 },
        )
        .toBe('ok');
    } finally {
      await scheduled.close();
    }
    // A registry of its own (a PGlite start-up) plus the wait for the first scheduled run.
  }, 120_000);
});
