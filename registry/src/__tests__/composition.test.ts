/**
 * The foundation slice over real HTTP handlers and a real database, on PGlite and PostgreSQL:
 * registering phase versions (validated over real HTTP), composing a course, and resolving it.
 */
import { ResolvedCourse } from '@coursekit/phase-sdk/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type PhaseBuildServer,
  phaseBuild,
  startPhaseBuildServer,
} from './support/phaseBuildServer.js';
import { createTestApp, type TestApp } from './support/testApp.js';
import { ENGINES } from './support/testDb.js';

const ADMIN = 'admin@coursekit.test';
const LECTURER = 'lecturer@coursekit.test';
const STUDENT = 'student1@coursekit.test';

describe.each(ENGINES)('composition on %s', (engine) => {
  let t: TestApp;
  let builds: PhaseBuildServer;

  beforeAll(async () => {
    [t, builds] = await Promise.all([createTestApp(engine), startPhaseBuildServer()]);
  });
  afterAll(async () => {
    await Promise.all([t?.close(), builds?.close()]);
  });

  const register = (name: string, version: string, descriptorPath = `/${name}/${version}`) =>
    t.as(ADMIN, {
      method: 'POST',
      url: `/api/phase-types/${name}/versions`,
      payload: { descriptorUrl: `${builds.origin}${descriptorPath}/phase.json` },
    });

  const resolve = async (email: string) => {
    const response = await t.as(email, { method: 'GET', url: `/api/courses/${t.courseId}/phases` });
    expect(response.statusCode).toBe(200);
    return ResolvedCourse.parse(response.json());
  };

  it('answers liveness and readiness', async () => {
    expect((await t.app.inject({ url: '/healthz' })).json()).toEqual({ status: 'ok' });
    const ready = await t.app.inject({ url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json().checks).toEqual({ database: 'ok', startup: 'ok' });
  });

  it('signs a seeded user in and tells who they are', async () => {
    const me = await t.as(STUDENT, { method: 'GET', url: '/api/me' });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({
      user: { email: STUDENT, isAdmin: false },
      memberships: [{ courseId: t.courseId, role: 'student' }],
    });
    const anonymous = await t.app.inject({ url: '/api/me' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.headers['content-type']).toContain('application/problem+json');
  });

  it('lists only the courses a user belongs to, and all of them for admins', async () => {
    const created = await t.as(ADMIN, {
      method: 'POST',
      url: '/api/courses',
      payload: { slug: 'other-course', title: 'Other course' },
    });
    expect(created.statusCode).toBe(201);
    const studentCourses = (await t.as(STUDENT, { method: 'GET', url: '/api/courses' })).json();
    expect(studentCourses.map((c: { slug: string }) => c.slug)).toEqual(['se-essentials']);
    const adminCourses = (await t.as(ADMIN, { method: 'GET', url: '/api/courses' })).json();
    expect(adminCourses.map((c: { slug: string }) => c.slug).sort()).toEqual([
      'other-course',
      'se-essentials',
    ]);
  });

  it('registers a phase version after validating its phase.json and manifest', async () => {
    builds.publish('/intro-course/1.0.0', phaseBuild('intro-course', '1.0.0'));
    const type = await t.as(ADMIN, {
      method: 'POST',
      url: '/api/phase-types',
      payload: { name: 'intro-course', title: 'Intro course', kind: 'client-only' },
    });
    expect(type.statusCode).toBe(201);
    const response = await register('intro-course', '1.0.0');
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({
      phase: 'intro-course',
      version: '1.0.0',
      manifestUrl: `${builds.origin}/intro-course/1.0.0/mf-manifest.json`,
      status: 'active',
    });
    const again = await register('intro-course', '1.0.0');
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('CK_CONFLICT');
  });

  it('composes a course: add, order, disable, enable, pin', async () => {
    const add = (title: string, extra: Record<string, unknown> = {}) =>
      t.as(LECTURER, {
        method: 'POST',
        url: `/api/courses/${t.courseId}/phases`,
        headers: { 'if-match': '*' },
        payload: { phase: 'intro-course', title, ...extra },
      });
    const welcome = (await add('Welcome')).json();
    const kickoff = (await add('Kick-off', { config: { steps: ['Meet the team'] } })).json();
    expect([welcome.position, kickoff.position]).toEqual([0, 1]);

    let course = await resolve(STUDENT);
    expect(course.phases.map((p) => p.title)).toEqual(['Welcome', 'Kick-off']);
    expect(course.role).toBe('student');
    expect(course.phases[0]?.remote).toMatchObject({
      name: 'intro-course',
      entry: `${builds.origin}/intro-course/1.0.0/mf-manifest.json`,
    });
    expect(course.phases[1]?.config).toEqual({ steps: ['Meet the team'] });

    const patch = (id: string, body: Record<string, unknown>) =>
      t.as(LECTURER, {
        method: 'PATCH',
        url: `/api/courses/${t.courseId}/phases/${id}`,
        headers: { 'if-match': '*' },
        payload: body,
      });

    expect((await patch(kickoff.id, { position: 0 })).statusCode).toBe(200);
    course = await resolve(STUDENT);
    expect(course.phases.map((p) => [p.title, p.position])).toEqual([
      ['Kick-off', 0],
      ['Welcome', 1],
    ]);

    expect((await patch(welcome.id, { enabled: false })).statusCode).toBe(200);
    expect((await resolve(STUDENT)).phases.map((p) => p.title)).toEqual(['Kick-off']);
    const composition = await t.as(LECTURER, {
      method: 'GET',
      url: `/api/courses/${t.courseId}/composition`,
    });
    expect(
      composition
        .json()
        .phases.map((p: { title: string; enabled: boolean }) => [p.title, p.enabled]),
    ).toEqual([
      ['Kick-off', true],
      ['Welcome', false],
    ]);
    expect((await patch(welcome.id, { enabled: true })).statusCode).toBe(200);
    expect((await resolve(STUDENT)).phases.map((p) => p.title)).toEqual(['Kick-off', 'Welcome']);

    // A new version is picked up by "latest"; a pinned course phase stays where it was pinned.
    builds.publish('/intro-course/1.1.0', phaseBuild('intro-course', '1.1.0'));
    expect((await register('intro-course', '1.1.0')).statusCode).toBe(201);
    expect((await patch(welcome.id, { pin: '1.0.0' })).statusCode).toBe(200);
    course = await resolve(STUDENT);
    expect(course.phases.map((p) => [p.title, p.version])).toEqual([
      ['Kick-off', '1.1.0'],
      ['Welcome', '1.0.0'],
    ]);

    const badPin = await patch(welcome.id, { pin: '9.9.9' });
    expect(badPin.statusCode).toBe(422);
    expect(badPin.json()).toMatchObject({
      code: 'CK_NO_PHASE_VERSION',
      errors: [{ path: 'body.pin' }],
    });
    expect((await resolve(STUDENT)).phases.find((p) => p.title === 'Welcome')?.version).toBe(
      '1.0.0',
    );
  });

  it('revalidates the resolve answer with ETags, and answers anew after a change', async () => {
    // Replicas hear of the change through the change feed: see replicaCaches.test.ts.
    const url = `/api/courses/${t.courseId}/phases`;
    const first = await t.as(STUDENT, { method: 'GET', url });
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^W\//);
    const again = await t.as(STUDENT, { method: 'GET', url, headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');

    const [welcome] = (await resolve(STUDENT)).phases;
    await t.as(LECTURER, {
      method: 'PATCH',
      url: `/api/courses/${t.courseId}/phases/${welcome?.coursePhaseId}`,
      headers: { 'if-match': '*' },
      payload: { title: 'Welcome aboard' },
    });
    const fresh = await t.as(STUDENT, { method: 'GET', url, headers: { 'if-none-match': etag } });
    expect(fresh.statusCode).toBe(200);
    expect(fresh.headers.etag).not.toBe(etag);
    expect(ResolvedCourse.parse(fresh.json()).phases.map((p) => p.title)).toContain(
      'Welcome aboard',
    );
    // The ETag names the role: a lecturer never gets a student's 304.
    const lecturer = await t.as(LECTURER, {
      method: 'GET',
      url,
      headers: { 'if-none-match': String(fresh.headers.etag) },
    });
    expect(lecturer.statusCode).toBe(200);
    expect(ResolvedCourse.parse(lecturer.json()).role).toBe('lecturer');
  });

  it('records every admin change in the audit log', async () => {
    const rows = await t.testDb.db.query<{ action: string }>(
      'SELECT action FROM audit_log ORDER BY id',
    );
    const actions = rows.map((row) => row.action);
    expect(actions).toContain('phase-type.create');
    expect(actions).toContain('phase-version.register');
    expect(actions).toContain('course-phase.add');
    expect(actions).toContain('course-phase.update');
  });

  describe('rejects a phase.json that cannot be used, with 422 naming the reason, and stores nothing', () => {
    const cases: [string, () => void, string, RegExp][] = [
      ['unreachable', () => {}, '/nowhere/1.0.0', /could not be fetched/],
      [
        'malformed',
        () => builds.publish('/broken/1.2.0', { 'phase.json': '{"name": ' }),
        '/broken/1.2.0',
        /not JSON/,
      ],
      [
        'not a descriptor',
        () => builds.publish('/wrong/1.2.0', { 'phase.json': { hello: 'world' } }),
        '/wrong/1.2.0',
        /malformed/,
      ],
      [
        'lacking ./Phase',
        () =>
          builds.publish(
            '/noexpose/1.2.0',
            phaseBuild('intro-course', '1.2.0', { descriptor: { exposes: ['./Other'] } }),
          ),
        '/noexpose/1.2.0',
        /does not expose "\.\/Phase"/,
      ],
      [
        'manifest lacking ./Phase',
        () =>
          builds.publish(
            '/nomf/1.2.0',
            phaseBuild('intro-course', '1.2.0', { manifest: { exposes: [] } }),
          ),
        '/nomf/1.2.0',
        /does not expose "\.\/Phase"/,
      ],
      [
        'incompatible SDK',
        () =>
          builds.publish(
            '/oldsdk/1.2.0',
            phaseBuild('intro-course', '1.2.0', { descriptor: { sdk: '^9.0.0' } }),
          ),
        '/oldsdk/1.2.0',
        /SDK \^9\.0\.0/,
      ],
      [
        'another phase',
        () => builds.publish('/other/1.2.0', phaseBuild('matching', '1.2.0')),
        '/other/1.2.0',
        /for the phase "matching"/,
      ],
    ];
    it.each(cases)('%s', async (_name, prepare, path, reason) => {
      prepare();
      const before = (
        await t.as(ADMIN, { method: 'GET', url: '/api/phase-types/intro-course/versions' })
      ).json();
      const response = await register('intro-course', '1.2.0', path);
      expect(response.statusCode).toBe(422);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json().code).toBe('CK_PHASE_DESCRIPTOR_INVALID');
      expect(response.json().detail).toMatch(reason);
      const after = (
        await t.as(ADMIN, { method: 'GET', url: '/api/phase-types/intro-course/versions' })
      ).json();
      expect(after).toEqual(before);
    });
  });
});
