/**
 * Two registry replicas on one PostgreSQL behind a real nginx, as in the Compose and Kubernetes
 * deployments: whatever replica answers, sessions, phase tokens and keys, the resolve cache and
 * storage conflicts and the sign-in rate limit behave as with one registry; killing a replica with SIGKILL under a write
 * load fails no request beyond those in flight on it and loses no acknowledged write; and the
 * replica comes back.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, CoursekitClient, LECTURER, STUDENTS } from './support/CoursekitClient.js';
import {
  createDatabase,
  freePort,
  type Managed,
  type Replica,
  startNginx,
  startRegistry,
  waitReady,
} from './support/processes.js';
import { ownDocuments, startWriteLoad, storedCounters } from './support/writeLoad.js';

const [S1, S2, S3] = STUDENTS;
/** Sign-in attempts per client address and minute, for the replicas of this test. */
const SIGN_IN_RATE_LIMIT = 200;

describe('two registry replicas behind nginx on one PostgreSQL', () => {
  let dir: string;
  let database: { url: string; drop(): Promise<void> };
  let replicas: [Replica, Replica];
  let nginx: Managed;
  let client: CoursekitClient;

  const startReplica = (name: string, port: number) =>
    startRegistry({
      name,
      port,
      databaseUrl: database.url,
      publicUrl: client.entry,
      dataDir: dir,
      env: { SIGN_IN_RATE_LIMIT: String(SIGN_IN_RATE_LIMIT) },
    });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ck-replicas-'));
    database = await createDatabase();
    const [portA, portB, nginxPort] = await Promise.all([freePort(), freePort(), freePort()]);
    client = new CoursekitClient(`http://127.0.0.1:${nginxPort}`);
    // The development seed registers its sample phase through the public URL: nginx comes first.
    nginx = await startNginx(join(dir, 'nginx'), nginxPort, [portA, portB]);
    // Both start at once on an empty database: migrations and the seed must not race.
    replicas = [startReplica('registry A', portA), startReplica('registry B', portB)];
    await Promise.all(replicas.map((r) => waitReady(`${r.origin}/readyz`, r)));
  });

  afterAll(async () => {
    await Promise.all([nginx?.stop(), ...(replicas ?? []).map((r) => r.stop())]);
    await database?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('seeds once although both replicas started together', async () => {
    const [a, b] = await Promise.all(replicas.map((r) => client.course(r.origin)));
    expect(a).toEqual(b);
    const titles = a?.phases.map((p) => p.title) ?? [];
    expect(titles.length).toBeGreaterThan(0);
    expect(new Set(titles).size, 'no course phase seeded twice').toBe(titles.length);
  });

  it('accepts a session made through nginx on every replica', async () => {
    for (const replica of replicas) {
      const me = await client.json<{ user: { email: string } }>(replica.origin, S1, '/api/me');
      expect(me.user.email).toBe(S1);
    }
  });

  it('ends a session on every replica when the user signs out on one', async () => {
    const own = new CoursekitClient(client.entry);
    const cookie = await own.signIn(S3);
    // Replica B has just resumed (and cached) the session...
    expect((await own.call(replicas[1].origin, S3, '/api/me')).status).toBe(200);
    const out = await fetch(`${replicas[0].origin}/api/auth/logout`, {
      method: 'POST',
      headers: { cookie, 'x-coursekit-csrf': '1' },
    });
    expect(out.status).toBeLessThan(300);
    // ...and refuses it once the sign-out's notification reaches B: a replica hears another's
    // NOTIFY on its own connection, so B may answer one request from its cache before that (at
    // worst until the cache's 15 s lifetime ends). The poll's limit only catches a hang.
    await expect
      .poll(async () => (await own.call(replicas[1].origin, S3, '/api/me')).status, {
        timeout: 60_000,
      })
      .toBe(401);
    // Replica A, where the user signed out, never answers with the old session again.
    expect((await own.call(replicas[0].origin, S3, '/api/me')).status).toBe(401);
  });

  it('publishes the same keys everywhere, and a rotation on one replica reaches the other', async () => {
    const jwks = async (origin: string) =>
      (
        (await (await fetch(`${origin}/.well-known/jwks.json`)).json()) as {
          keys: { kid: string }[];
        }
      ).keys
        .map((k) => k.kid)
        .sort();
    expect(await jwks(replicas[0].origin)).toEqual(await jwks(replicas[1].origin));
    const { kid } = await client.json<{ kid: string }>(
      replicas[0].origin,
      ADMIN,
      '/api/admin/signing-keys/rotate',
      { method: 'POST', body: {} },
    );
    // The other replica publishes it at once (the change feed), long before it signs.
    expect(await jwks(replicas[1].origin)).toContain(kid);
  });

  it('retires a compromised key on every replica at once: its tokens are refused everywhere', async () => {
    const { phases } = await client.course(replicas[1].origin);
    const tokenFrom = async (origin: string) =>
      (
        await client.json<{ token: string }>(
          origin,
          S1,
          `/api/course-phases/${phases[0]?.coursePhaseId}/token`,
          { method: 'POST' },
        )
      ).token;
    const viaGateway = (origin: string, token: string) =>
      fetch(`${origin}/phase-api/intro-course/anything`, {
        headers: { authorization: `Bearer ${token}` },
      });
    const before = await tokenFrom(replicas[1].origin);
    expect((await viaGateway(replicas[1].origin, before)).status).not.toBe(401);

    await client.json(replicas[0].origin, ADMIN, '/api/admin/signing-keys/rotate', {
      method: 'POST',
      body: { immediate: true },
    });
    // Replica B learnt it at once: the old token is refused there, and B signs with the new key.
    expect((await viaGateway(replicas[1].origin, before)).status).toBe(401);
    const after = await tokenFrom(replicas[1].origin);
    expect((await viaGateway(replicas[0].origin, after)).status).not.toBe(401);
  });

  it('issues a phase token on one replica that the other replica’s gateway accepts', async () => {
    const { phases } = await client.course(replicas[0].origin);
    const { token } = await client.json<{ token: string }>(
      replicas[0].origin,
      S1,
      `/api/course-phases/${phases[0]?.coursePhaseId}/token`,
      { method: 'POST' },
    );
    // intro-course has no server: the gateway verifies the token, then says so (not 401).
    const viaB = await fetch(`${replicas[1].origin}/phase-api/intro-course/anything`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(((await viaB.json()) as { code: string }).code).toBe('CK_NO_PHASE_SERVER');
  });

  it('invalidates the resolve cache of one replica when the other changes the composition', async () => {
    const { courseId, phases } = await client.course(replicas[1].origin);
    const path = `/api/courses/${courseId}/phases`;
    const first = await client.call(replicas[1].origin, S2, path);
    const etag = first.headers.get('etag') as string;
    expect(etag).toBeTruthy();
    const unchanged = await client.call(replicas[1].origin, S2, path, {
      headers: { 'if-none-match': etag },
    });
    expect(unchanged.status).toBe(304);

    const renamed = await client.call(
      replicas[0].origin,
      LECTURER,
      `${path}/${phases[0]?.coursePhaseId}`,
      // Composition changes name the revision they are based on; "*" applies over any.
      { method: 'PATCH', body: { title: 'Renamed on replica A' }, headers: { 'if-match': '*' } },
    );
    expect(renamed.status, await renamed.clone().text()).toBe(200);

    const fresh = await client.call(replicas[1].origin, S2, path, {
      headers: { 'if-none-match': etag },
    });
    expect(fresh.status).toBe(200);
    const titles = ((await fresh.json()) as { phases: { title: string }[] }).phases.map(
      (p) => p.title,
    );
    expect(titles).toContain('Renamed on replica A');
  });

  it('refuses a stale storage write on one replica after a write on the other', async () => {
    const { phases } = await client.course(replicas[0].origin);
    const path = `/api/course-phases/${phases[0]?.coursePhaseId}/data/shared`;
    const { version } = await client.json<{ version: number }>(replicas[0].origin, LECTURER, path);
    const write = (origin: string, doc: unknown) =>
      client.call(origin, LECTURER, path, {
        method: 'PUT',
        body: doc,
        headers: { 'if-match': `"${version}"` },
      });
    expect((await write(replicas[0].origin, { steps: ['from A'] })).status).toBe(200);
    const stale = await write(replicas[1].origin, { steps: ['from B'] });
    expect(stale.status).toBe(409);
    expect(((await stale.json()) as { current: { doc: unknown } }).current.doc).toEqual({
      steps: ['from A'],
    });
  });

  it('survives kill -9 of a replica under write load: no acknowledged write lost, only in-flight requests fail, and it comes back', async () => {
    const targets = await ownDocuments(client, client.entry);
    const load = startWriteLoad(client, client.entry, targets);
    await load.acknowledgedAtLeast(30);
    await replicas[0].kill9();
    await load.acknowledgedAtLeast(60);
    const results = await storedCounters(client, replicas[1].origin, await load.stop());

    const failures = results.reduce((sum, r) => sum + r.failures, 0);
    const writes = results.reduce((sum, r) => sum + r.writes, 0);
    console.info(`kill -9 under load: ${writes} acknowledged writes, ${failures} failed requests`);
    // Only requests in flight on the killed replica may fail: at most one per writer.
    expect(failures).toBeLessThanOrEqual(targets.length);
    for (const result of results) {
      expect(result.writes).toBeGreaterThan(0);
      // Never behind what was acknowledged; at most the one attempt whose answer was lost.
      expect(result.stored).toBeGreaterThanOrEqual(result.acknowledged);
      expect(result.stored).toBeLessThanOrEqual(result.attempted);
    }

    // The replica comes back on its port and serves the same data and sessions.
    replicas[0] = startReplica('registry A (restarted)', replicas[0].port);
    await waitReady(`${replicas[0].origin}/readyz`, replicas[0]);
    const me = await client.call(replicas[0].origin, S3, '/api/me');
    expect(me.status).toBe(200);
  });

  // Last: it uses up the sign-in attempts of the one address every request here comes from.
  it('enforces one sign-in limit across the replicas, not one per replica', async () => {
    const attempt = async () =>
      (
        await fetch(`${client.entry}/api/auth/dev-login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-coursekit-csrf': '1' },
          body: JSON.stringify({ email: 'nobody@coursekit.test' }),
        })
      ).status;
    // nginx spreads the attempts over both replicas. Counted per replica, twice the limit would
    // pass; counted together, the limit holds (minus the sign-ins the earlier tests made).
    let passed = 0;
    while ((await attempt()) !== 429) {
      passed += 1;
      expect(passed, 'attempts let through').toBeLessThan(SIGN_IN_RATE_LIMIT);
    }
    expect(passed).toBeGreaterThan(SIGN_IN_RATE_LIMIT / 2);
    // Both replicas refuse from now on: the next attempts reach each of them.
    const next = await Promise.all(Array.from({ length: 6 }, attempt));
    expect(next).toEqual(Array(6).fill(429));
  });
});
