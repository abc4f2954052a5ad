/**
 * The per-replica caches of sessions, memberships and the composition revision never let one
 * replica act on what another has changed: two `buildServer` instances on one PostgreSQL database
 * (listening for each other through LISTEN/NOTIFY) stand for two replicas. Each step first warms
 * the caches of replica B, changes something through replica A, waits until B has heard of it
 * (not for any time to pass), and checks that B answers as the database now says.
 */
import { CSRF_HEADER } from '@coursekit/phase-sdk/client';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../app.js';
import type { ChangeFeed } from '../cache/ChangeFeed.js';
import { COMPOSITION_TOPIC, MEMBERSHIPS_TOPIC } from '../cache/changeTopics.js';
import { SESSIONS_TOPIC } from '../modules/auth/SessionService.js';
import { SEED_USERS } from '../seed/seed.js';
import * as phaseBuilds from './support/phaseBuildServer.js';
import { createTestApp, type TestApp } from './support/testApp.js';
import { TEST_DATABASE_URL } from './support/testDb.js';

const [ADMIN, LECTURER, STUDENT] = SEED_USERS.map((user): string => user.email) as [
  string,
  string,
  string,
];

/** Resolves the next time `topic` reaches `feed`. */
const heard = (feed: ChangeFeed, topic: string) =>
  new Promise<void>((done) => {
    const stop = feed.subscribe(topic, () => {
      stop();
      done();
    });
  });

/**
 * Resolves once both topics a change to a course publishes (one notification each) have reached
 * `feed`: the resolve answer hangs on the composition topic, the membership cache on both, so a
 * step that waited for one of them alone could check before the other had arrived.
 */
const heardCourseChange = (feed: ChangeFeed) =>
  Promise.all([heard(feed, MEMBERSHIPS_TOPIC), heard(feed, COMPOSITION_TOPIC)]);

describe('caches of two replicas on one PostgreSQL database', { timeout: 120_000 }, () => {
  let t: TestApp;
  let builds: phaseBuilds.PhaseBuildServer;
  let a: FastifyInstance;
  let b: FastifyInstance;
  let coursePhaseId: string;

  beforeAll(async () => {
    [t, builds] = await Promise.all([
      createTestApp('postgres'),
      phaseBuilds.startPhaseBuildServer(),
    ]);
    const [row] = await t.testDb.db.query<{ name: string }>('SELECT current_database() AS name');
    const url = new URL(TEST_DATABASE_URL);
    url.pathname = `/${row?.name}`;
    // With DATABASE_URL set, each replica's change feed listens on its own connection.
    const config = { ...t.config, databaseUrl: url.toString() };
    [a, b] = await Promise.all([
      buildServer({ config, db: t.testDb.db }),
      buildServer({ config, db: t.testDb.db }),
    ]);
    builds.publish('/intro-course/1.0.0', phaseBuilds.phaseBuild('intro-course', '1.0.0'));
    await on(a, ADMIN, {
      method: 'POST',
      url: '/api/phase-types',
      payload: { name: 'intro-course', title: 'Intro', kind: 'client-only' },
    });
    await on(a, ADMIN, {
      method: 'POST',
      url: '/api/phase-types/intro-course/versions',
      payload: { descriptorUrl: `${builds.origin}/intro-course/1.0.0/phase.json` },
    });
    coursePhaseId = (
      await on(a, LECTURER, {
        method: 'POST',
        url: `/api/courses/${t.courseId}/phases`,
        headers: { 'if-match': '*' },
        payload: { phase: 'intro-course', title: 'Welcome' },
      })
    ).json().id;
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    await Promise.all([t?.close(), builds?.close()]);
  });

  async function on(replica: FastifyInstance, email: string, options: InjectOptions) {
    return replica.inject({
      ...options,
      headers: { [CSRF_HEADER]: '1', ...options.headers, cookie: await t.cookieOf(email) },
    });
  }
  const resolve = (replica: FastifyInstance) =>
    on(replica, STUDENT, { method: 'GET', url: `/api/courses/${t.courseId}/phases` });
  const readShared = (replica: FastifyInstance) =>
    on(replica, STUDENT, { method: 'GET', url: `/api/course-phases/${coursePhaseId}/data/shared` });

  it('show a course phase disabled on one replica as disabled on the other at once', async () => {
    expect((await resolve(b)).json().phases.map((p: { title: string }) => p.title)).toEqual([
      'Welcome',
    ]);
    expect((await readShared(b)).statusCode).toBe(200);

    const told = heardCourseChange(b.changes);
    const disable = await on(a, LECTURER, {
      method: 'PATCH',
      url: `/api/courses/${t.courseId}/phases/${coursePhaseId}`,
      headers: { 'if-match': '*' },
      payload: { enabled: false },
    });
    expect(disable.statusCode).toBe(200);
    await told;

    expect((await resolve(b)).json().phases).toEqual([]);
    const refused = await readShared(b);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('CK_PHASE_DISABLED');

    const toldAgain = heardCourseChange(b.changes);
    await on(a, LECTURER, {
      method: 'PATCH',
      url: `/api/courses/${t.courseId}/phases/${coursePhaseId}`,
      headers: { 'if-match': '*' },
      payload: { enabled: true },
    });
    await toldAgain;
    expect((await readShared(b)).statusCode).toBe(200);
  });

  it('never answer 304 for a resolve answer another replica has changed', async () => {
    const first = await resolve(b);
    const etag = String(first.headers.etag);
    const cached = await on(b, STUDENT, {
      method: 'GET',
      url: `/api/courses/${t.courseId}/phases`,
      headers: { 'if-none-match': etag },
    });
    expect(cached.statusCode).toBe(304);

    const told = heardCourseChange(b.changes);
    await on(a, LECTURER, {
      method: 'PATCH',
      url: `/api/courses/${t.courseId}/phases/${coursePhaseId}`,
      headers: { 'if-match': '*' },
      payload: { title: 'Welcome aboard' },
    });
    await told;
    const fresh = await on(b, STUDENT, {
      method: 'GET',
      url: `/api/courses/${t.courseId}/phases`,
      headers: { 'if-none-match': etag },
    });
    expect(fresh.statusCode).toBe(200);
    expect(fresh.headers.etag).not.toBe(etag);
    expect(fresh.json().phases.map((p: { title: string }) => p.title)).toEqual(['Welcome aboard']);
  });

  it('refuse a member removed on one replica on the other at once', async () => {
    const me = (await on(b, STUDENT, { method: 'GET', url: '/api/me' })).json();
    expect((await resolve(b)).statusCode).toBe(200);
    expect((await readShared(b)).statusCode).toBe(200);

    const told = heardCourseChange(b.changes);
    const removal = await on(a, LECTURER, {
      method: 'DELETE',
      url: `/api/courses/${t.courseId}/members/${me.user.id}`,
    });
    expect(removal.statusCode).toBe(204);
    await told;

    expect((await resolve(b)).statusCode).toBe(403);
    expect((await readShared(b)).statusCode).toBe(403);
    const token = await on(b, STUDENT, {
      method: 'POST',
      url: `/api/course-phases/${coursePhaseId}/token`,
    });
    expect(token.statusCode).toBe(403);
  });

  it('end a session signed out on one replica on the other at once', async () => {
    const cookie = await t.cookieOf(ADMIN);
    const me = () => b.inject({ method: 'GET', url: '/api/me', headers: { cookie } });
    expect((await me()).statusCode).toBe(200);

    const told = heard(b.changes, SESSIONS_TOPIC);
    const out = await a.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie, [CSRF_HEADER]: '1' },
    });
    expect(out.statusCode).toBe(204);
    await told;
    expect((await me()).statusCode).toBe(401);
  });
});
