/**
 * Two registry replicas on one PostgreSQL behind a real nginx, as in the Compose and Kubernetes
 * deployments: whatever replica answers, sessions, phase tokens and keys, the resolve cache and
 * storage conflicts behave as with one registry; killing a replica with SIGKILL under a write
 * load fails no request beyond those in flight on it and loses no acknowledged write; and the
 * replica comes back.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createDatabase,
  freePort,
  type Managed,
  type Replica,
  startNginx,
  startRegistry,
  waitReady,
} from './support/processes.js';

const ADMIN = 'admin@coursekit.test';
const LECTURER = 'lecturer@coursekit.test';
const STUDENTS = ['student1@coursekit.test', 'student2@coursekit.test', 'student3@coursekit.test'];
const CSRF = { 'x-coursekit-csrf': '1' };

interface Course {
  courseId: string;
  phases: { coursePhaseId: string; title: string }[];
}

describe('two registry replicas behind nginx on one PostgreSQL', () => {
  let dir: string;
  let database: { url: string; drop(): Promise<void> };
  let replicas: [Replica, Replica];
  let nginx: Managed;
  let entry: string;
  const cookies = new Map<string, string>();

  const startReplica = (name: string, port: number) =>
    startRegistry({ name, port, databaseUrl: database.url, publicUrl: entry, dataDir: dir });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ck-replicas-'));
    database = await createDatabase();
    const [portA, portB, nginxPort] = await Promise.all([freePort(), freePort(), freePort()]);
    entry = `http://127.0.0.1:${nginxPort}`;
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

  /** Sign in through nginx, as a browser would; the session is then used on every replica. */
  const signIn = async (email: string) => {
    const known = cookies.get(email);
    if (known) return known;
    const response = await fetch(`${entry}/api/auth/dev-login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: entry, ...CSRF },
      body: JSON.stringify({ email }),
    });
    expect(response.status, await response.clone().text()).toBe(200);
    const cookie = response.headers.getSetCookie()[0]?.split(';')[0];
    if (!cookie) throw new Error('no session cookie');
    cookies.set(email, cookie);
    return cookie;
  };

  const call = async (
    origin: string,
    email: string,
    path: string,
    init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
  ) =>
    fetch(`${origin}${path}`, {
      method: init.method ?? 'GET',
      headers: {
        cookie: await signIn(email),
        ...CSRF,
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...init.headers,
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });

  const course = async (origin: string): Promise<Course> => {
    const courses = (await (await call(origin, LECTURER, '/api/courses')).json()) as {
      id: string;
    }[];
    const courseId = courses[0]?.id as string;
    const resolved = (await (
      await call(origin, LECTURER, `/api/courses/${courseId}/phases`)
    ).json()) as {
      phases: Course['phases'];
    };
    return { courseId, phases: resolved.phases };
  };

  it('seeds once although both replicas started together', async () => {
    const [a, b] = (await Promise.all(replicas.map((r) => course(r.origin)))) as [Course, Course];
    expect(a).toEqual(b);
    expect(a.phases.length).toBeGreaterThan(0);
    const titles = a.phases.map((p) => p.title);
    expect(new Set(titles).size, 'no course phase seeded twice').toBe(titles.length);
  });

  it('accepts a session made through nginx on every replica', async () => {
    for (const replica of replicas) {
      const me = await call(replica.origin, STUDENTS[0] as string, '/api/me');
      expect(me.status).toBe(200);
      expect(((await me.json()) as { user: { email: string } }).user.email).toBe(STUDENTS[0]);
    }
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
    const rotated = await call(replicas[0].origin, ADMIN, '/api/admin/signing-keys/rotate', {
      method: 'POST',
      body: {},
    });
    expect(rotated.status).toBe(200);
    const { kid } = (await rotated.json()) as { kid: string };
    // A normal rotation signs only after the propagation delay; the other replica publishes the
    // new key once its key cache (seconds) expires, long before that.
    while (!(await jwks(replicas[1].origin)).includes(kid))
      await new Promise((d) => setTimeout(d, 200));
  });

  it('issues a phase token on one replica that the other replica’s gateway accepts', async () => {
    const { phases } = await course(replicas[0].origin);
    const coursePhaseId = phases[0]?.coursePhaseId as string;
    const issued = await call(
      replicas[0].origin,
      STUDENTS[0] as string,
      `/api/course-phases/${coursePhaseId}/token`,
      {
        method: 'POST',
      },
    );
    expect(issued.status).toBe(200);
    const { token } = (await issued.json()) as { token: string };
    // intro-course has no server: the gateway verifies the token, then says so (not 401).
    const viaB = await fetch(`${replicas[1].origin}/phase-api/intro-course/anything`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(((await viaB.json()) as { code: string }).code).toBe('CK_NO_PHASE_SERVER');
  });

  it('invalidates the resolve cache of one replica when the other changes the composition', async () => {
    const { courseId, phases } = await course(replicas[1].origin);
    const path = `/api/courses/${courseId}/phases`;
    const first = await call(replicas[1].origin, STUDENTS[1] as string, path);
    const etag = first.headers.get('etag') as string;
    expect(etag).toBeTruthy();
    const unchanged = await call(replicas[1].origin, STUDENTS[1] as string, path, {
      headers: { 'if-none-match': etag },
    });
    expect(unchanged.status).toBe(304);

    const target = phases[0]?.coursePhaseId as string;
    const renamed = await call(replicas[0].origin, LECTURER, `${path}/${target}`, {
      method: 'PATCH',
      body: { title: 'Renamed on replica A' },
    });
    expect(renamed.status, await renamed.clone().text()).toBe(200);

    const fresh = await call(replicas[1].origin, STUDENTS[1] as string, path, {
      headers: { 'if-none-match': etag },
    });
    expect(fresh.status).toBe(200);
    const titles = ((await fresh.json()) as Course).phases.map((p) => p.title);
    expect(titles).toContain('Renamed on replica A');
  });

  it('refuses a stale storage write on one replica after a write on the other', async () => {
    const { phases } = await course(replicas[0].origin);
    const path = `/api/course-phases/${phases[0]?.coursePhaseId}/data/shared`;
    const read = (await (await call(replicas[0].origin, LECTURER, path)).json()) as {
      version: number;
    };
    const write = (origin: string, doc: unknown, version: number) =>
      call(origin, LECTURER, path, {
        method: 'PUT',
        body: doc,
        headers: { 'if-match': `"${version}"` },
      });
    expect((await write(replicas[0].origin, { steps: ['from A'] }, read.version)).status).toBe(200);
    const stale = await write(replicas[1].origin, { steps: ['from B'] }, read.version);
    expect(stale.status).toBe(409);
    expect(((await stale.json()) as { current: { doc: unknown } }).current.doc).toEqual({
      steps: ['from A'],
    });
  });

  it('survives kill -9 of a replica under write load: no acknowledged write lost, only in-flight requests fail, and it comes back', async () => {
    const { phases } = await course(entry);
    const targets = STUDENTS.flatMap((email) =>
      phases.slice(0, 2).map((phase) => ({ email, coursePhaseId: phase.coursePhaseId })),
    );
    const ids = new Map<string, string>();
    for (const email of STUDENTS)
      ids.set(
        email,
        ((await (await call(entry, email, '/api/me')).json()) as { user: { id: string } }).user.id,
      );
    const pathOf = (t: { email: string; coursePhaseId: string }) =>
      `/api/course-phases/${t.coursePhaseId}/participants/${ids.get(t.email)}/data/own`;

    let stop = false;
    let killed = false;
    const writers = targets.map(async (target) => {
      // One writer per document: the counter it last saw acknowledged must be what is stored.
      const state = { acknowledged: 0, attempted: 0, failures: 0, failuresAfterKill: 0, writes: 0 };
      let version = 0;
      while (!stop) {
        const next = state.attempted + 1;
        state.attempted = next;
        let response: Response;
        try {
          response = await call(entry, target.email, pathOf(target), {
            method: 'PUT',
            body: { n: next },
            headers: { 'if-match': `"${version}"` },
          });
        } catch {
          state.failures++;
          continue;
        }
        if (response.status === 200) {
          version = ((await response.json()) as { version: number }).version;
          state.acknowledged = next;
          state.writes++;
        } else if (response.status === 409) {
          // A write that reached a dying replica may have committed: re-read, never overwrite.
          const current = (await response.json()) as { current: { version: number } };
          version = current.current.version;
        } else {
          await response.body?.cancel();
          state.failures++;
          if (killed) state.failuresAfterKill++;
        }
      }
      return { target, state };
    });

    const waitForWrites = async (count: number) => {
      const start = await totalWrites();
      while ((await totalWrites()) - start < count) await new Promise((d) => setTimeout(d, 50));
    };
    const totalWrites = async () => {
      let sum = 0;
      for (const target of targets) {
        const doc = (await (
          await call(replicas[1].origin, target.email, pathOf(target))
        ).json()) as {
          version: number;
        };
        sum += doc.version;
      }
      return sum;
    };

    await waitForWrites(30);
    await replicas[0].kill9();
    killed = true;
    await waitForWrites(60);
    stop = true;
    const results = await Promise.all(writers);

    const failures = results.reduce((sum, r) => sum + r.state.failures, 0);
    const writes = results.reduce((sum, r) => sum + r.state.writes, 0);
    console.info(`kill -9 under load: ${writes} acknowledged writes, ${failures} failed requests`);
    // Only requests in flight on the killed replica may fail: at most one per writer.
    expect(failures).toBeLessThanOrEqual(targets.length);
    for (const { target, state } of results) {
      const stored = (await (
        await call(replicas[1].origin, target.email, pathOf(target))
      ).json()) as {
        doc: { n: number };
      };
      expect(state.writes).toBeGreaterThan(0);
      // Never behind what was acknowledged; at most the one attempt whose answer was lost.
      expect(stored.doc.n).toBeGreaterThanOrEqual(state.acknowledged);
      expect(stored.doc.n).toBeLessThanOrEqual(state.attempted);
    }

    // The replica comes back on its port and serves the same data and sessions.
    replicas[0] = startReplica('registry A (restarted)', replicas[0].port);
    await waitReady(`${replicas[0].origin}/readyz`, replicas[0]);
    const me = await call(replicas[0].origin, STUDENTS[2] as string, '/api/me');
    expect(me.status).toBe(200);
  });
});
