/**
 * The authorization matrix: every registry route × every kind of caller, with the exact status of
 * each cell. Requests are valid, so a cell's status is the authorization decision alone. A route
 * added without a row here fails the coverage check, so no route escapes the matrix.
 */
import { randomUUID } from 'node:crypto';
import { CSRF_HEADER } from '@coursekit/phase-sdk/client';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../modules/auth/sessionCookie.js';
import {
  type PhaseBuildServer,
  phaseBuild,
  startPhaseBuildServer,
  uploadBody,
} from './support/phaseBuildServer.js';
import { createTestApp, type TestApp } from './support/testApp.js';

const ACTORS = ['anonymous', 'student', 'editor', 'lecturer', 'otherLecturer', 'admin'] as const;
type Actor = (typeof ACTORS)[number];
const EMAIL: Record<Actor, string | null> = {
  anonymous: null,
  student: 'student1@coursekit.test',
  editor: 'editor@coursekit.test',
  lecturer: 'lecturer@coursekit.test',
  otherLecturer: 'lecturer2@coursekit.test',
  admin: 'admin@coursekit.test',
};

interface Row {
  route: string;
  /** Builds a valid request for this call (fresh data where a write must not collide). */
  request: () => Promise<InjectOptions> | InjectOptions;
  /** Expected status per actor, in ACTORS order. */
  expect: [number, number, number, number, number, number];
  /** Sign in afresh for this request (logout ends the session it uses). */
  freshSession?: boolean;
}

describe('authorization matrix', () => {
  let t: TestApp;
  let builds: PhaseBuildServer;
  let otherCourseId: string;
  let coursePhaseId: string;
  let version = 0;

  beforeAll(async () => {
    // Authorization does not depend on the engine; PGlite keeps this suite fast.
    [t, builds] = await Promise.all([createTestApp('pglite'), startPhaseBuildServer()]);
    const admin = (options: InjectOptions) => t.as(EMAIL.admin, options);
    await admin({
      method: 'POST',
      url: `/api/courses/${t.courseId}/members`,
      payload: { email: EMAIL.editor, role: 'editor' },
    });
    const other = await admin({
      method: 'POST',
      url: '/api/courses',
      payload: { slug: 'other', title: 'Other' },
    });
    otherCourseId = other.json().id;
    await admin({
      method: 'POST',
      url: `/api/courses/${otherCourseId}/members`,
      payload: { email: EMAIL.otherLecturer, role: 'lecturer' },
    });
    await admin({
      method: 'POST',
      url: '/api/phase-types',
      payload: { name: 'intro-course', title: 'Intro', kind: 'client-only' },
    });
    builds.publish('/intro-course/1.0.0', phaseBuild('intro-course', '1.0.0'));
    await admin({
      method: 'POST',
      url: '/api/phase-types/intro-course/versions',
      payload: { descriptorUrl: `${builds.origin}/intro-course/1.0.0/phase.json` },
    });
    const added = await admin({
      method: 'POST',
      url: `/api/courses/${t.courseId}/phases`,
      headers: { 'if-match': '*' },
      payload: { phase: 'intro-course', title: 'Welcome' },
    });
    coursePhaseId = added.json().id;
  });
  afterAll(async () => {
    await Promise.all([t?.close(), builds?.close()]);
  });

  const throwawayMember = async () => {
    const email = `m-${randomUUID().slice(0, 8)}@coursekit.test`;
    const added = await t.as(EMAIL.admin, {
      method: 'POST',
      url: `/api/courses/${t.courseId}/members`,
      payload: { email, role: 'student' },
    });
    return added.json().userId as string;
  };

  /** The ETag a writer would have read just before writing (staff may read every document). */
  const currentTag = async (url: string) =>
    String((await t.as(EMAIL.lecturer, { method: 'GET', url })).headers.etag);
  const studentId = async () =>
    (await t.as(EMAIL.student, { method: 'GET', url: '/api/me' })).json().user.id as string;

  const ROWS: Row[] = [
    {
      route: 'GET /healthz',
      request: () => ({ method: 'GET', url: '/healthz' }),
      expect: [200, 200, 200, 200, 200, 200],
    },
    {
      route: 'GET /readyz',
      request: () => ({ method: 'GET', url: '/readyz' }),
      expect: [200, 200, 200, 200, 200, 200],
    },
    {
      route: 'GET /.well-known/jwks.json',
      request: () => ({ method: 'GET', url: '/.well-known/jwks.json' }),
      expect: [200, 200, 200, 200, 200, 200],
    },
    {
      route: 'GET /api/auth/config',
      request: () => ({ method: 'GET', url: '/api/auth/config' }),
      expect: [200, 200, 200, 200, 200, 200],
    },
    {
      route: 'POST /api/auth/dev-login',
      request: () => ({
        method: 'POST',
        url: '/api/auth/dev-login',
        payload: { email: EMAIL.student },
      }),
      expect: [200, 200, 200, 200, 200, 200],
      freshSession: true,
    },
    {
      route: 'POST /api/auth/logout',
      request: () => ({ method: 'POST', url: '/api/auth/logout' }),
      expect: [204, 204, 204, 204, 204, 204],
      freshSession: true,
    },
    {
      route: 'GET /api/me',
      request: () => ({ method: 'GET', url: '/api/me' }),
      expect: [401, 200, 200, 200, 200, 200],
    },
    {
      route: 'GET /api/courses',
      request: () => ({ method: 'GET', url: '/api/courses' }),
      expect: [401, 200, 200, 200, 200, 200],
    },
    {
      route: 'POST /api/courses',
      request: () => ({
        method: 'POST',
        url: '/api/courses',
        payload: { slug: `c-${randomUUID().slice(0, 8)}`, title: 'New' },
      }),
      expect: [401, 403, 403, 403, 403, 201],
    },
    {
      route: 'GET /api/courses/{courseId}/members',
      request: () => ({ method: 'GET', url: `/api/courses/${t.courseId}/members` }),
      expect: [401, 403, 200, 200, 403, 200],
    },
    {
      route: 'POST /api/courses/{courseId}/members',
      request: () => ({
        method: 'POST',
        url: `/api/courses/${t.courseId}/members`,
        payload: { email: `n-${randomUUID().slice(0, 8)}@coursekit.test`, role: 'student' },
      }),
      expect: [401, 403, 403, 201, 403, 201],
    },
    {
      route: 'DELETE /api/courses/{courseId}/members/{userId}',
      request: async () => ({
        method: 'DELETE',
        url: `/api/courses/${t.courseId}/members/${await throwawayMember()}`,
      }),
      expect: [401, 403, 403, 204, 403, 204],
    },
    {
      route: 'GET /api/courses/{courseId}/phases',
      request: () => ({ method: 'GET', url: `/api/courses/${t.courseId}/phases` }),
      expect: [401, 200, 200, 200, 403, 200],
    },
    {
      route: 'GET /api/courses/{courseId}/composition',
      request: () => ({ method: 'GET', url: `/api/courses/${t.courseId}/composition` }),
      expect: [401, 403, 200, 200, 403, 200],
    },
    {
      route: 'POST /api/courses/{courseId}/phases',
      request: () => ({
        method: 'POST',
        url: `/api/courses/${t.courseId}/phases`,
        headers: { 'if-match': '*' },
        payload: { phase: 'intro-course', title: `More ${randomUUID()}`, enabled: false },
      }),
      expect: [401, 403, 403, 201, 403, 201],
    },
    {
      route: 'PATCH /api/courses/{courseId}/phases/{coursePhaseId}',
      request: () => ({
        method: 'PATCH',
        url: `/api/courses/${t.courseId}/phases/${coursePhaseId}`,
        headers: { 'if-match': '*' },
        payload: { title: 'Welcome' },
      }),
      expect: [401, 403, 403, 200, 403, 200],
    },
    {
      route: 'POST /api/phase-loads',
      request: () => ({
        method: 'POST',
        url: '/api/phase-loads',
        payload: {
          reports: [
            {
              phase: 'intro-course',
              version: '1.0.0',
              outcome: 'loaded',
              durationMs: 9,
              attempts: 1,
            },
          ],
        },
      }),
      expect: [401, 202, 202, 202, 202, 202],
    },
    {
      route: 'GET /api/admin/phase-loads',
      request: () => ({ method: 'GET', url: '/api/admin/phase-loads' }),
      expect: [401, 403, 403, 403, 403, 200],
    },
    {
      route: 'GET /api/phase-types',
      request: () => ({ method: 'GET', url: '/api/phase-types' }),
      expect: [401, 403, 403, 403, 403, 200],
    },
    {
      route: 'POST /api/phase-types',
      request: () => ({
        method: 'POST',
        url: '/api/phase-types',
        payload: { name: `p${randomUUID().slice(0, 8)}`, title: 'P', kind: 'client-only' },
      }),
      expect: [401, 403, 403, 403, 403, 201],
    },
    {
      route: 'GET /api/phase-types/{name}/versions',
      request: () => ({ method: 'GET', url: '/api/phase-types/intro-course/versions' }),
      expect: [401, 403, 403, 403, 403, 200],
    },
    {
      route: 'POST /api/phase-types/{name}/versions',
      request: () => {
        const next = `2.0.${++version}`;
        builds.publish(`/intro-course/${next}`, phaseBuild('intro-course', next));
        return {
          method: 'POST',
          url: '/api/phase-types/intro-course/versions',
          payload: { descriptorUrl: `${builds.origin}/intro-course/${next}/phase.json` },
        };
      },
      expect: [401, 403, 403, 403, 403, 201],
    },
    {
      route: 'POST /api/phase-bundles',
      request: () => {
        const next = `3.0.${++version}`;
        return {
          method: 'POST',
          url: '/api/phase-bundles',
          payload: uploadBody(phaseBuild('intro-course', next)),
        };
      },
      expect: [401, 403, 403, 403, 403, 201],
    },
    {
      route: 'PATCH /api/phase-types/{name}/versions/{version}',
      request: () => ({
        method: 'PATCH',
        url: '/api/phase-types/intro-course/versions/1.0.0',
        payload: { status: 'active' },
      }),
      expect: [401, 403, 403, 403, 403, 200],
    },
    {
      route: 'GET /api/notices',
      request: () => ({ method: 'GET', url: '/api/notices' }),
      expect: [401, 200, 200, 200, 200, 200],
    },
    {
      route: 'POST /api/notices/{noticeId}/read',
      request: () => ({ method: 'POST', url: `/api/notices/${randomUUID()}/read` }),
      // Notices are each user's own: another user's notice (here: nobody's) is not found.
      expect: [401, 404, 404, 404, 404, 404],
    },
    {
      route: 'POST /api/course-phases/{coursePhaseId}/token',
      request: () => ({ method: 'POST', url: `/api/course-phases/${coursePhaseId}/token` }),
      // Tokens speak for a member's role: an admin who is not a member gets none.
      expect: [401, 200, 200, 200, 403, 403],
    },
    {
      route: 'GET /api/course-phases/{coursePhaseId}/data/{scope}',
      request: () => ({ method: 'GET', url: `/api/course-phases/${coursePhaseId}/data/shared` }),
      expect: [401, 200, 200, 200, 403, 403],
    },
    {
      route: 'PUT /api/course-phases/{coursePhaseId}/data/{scope}',
      request: async () => ({
        method: 'PUT',
        url: `/api/course-phases/${coursePhaseId}/data/shared`,
        headers: {
          'if-match': await currentTag(`/api/course-phases/${coursePhaseId}/data/shared`),
        },
        payload: { steps: ['one'] },
      }),
      expect: [401, 403, 200, 200, 403, 403],
    },
    {
      route: 'GET /api/course-phases/{coursePhaseId}/participants/{userId}/data/{scope}',
      request: async () => ({
        method: 'GET',
        url: `/api/course-phases/${coursePhaseId}/participants/${await studentId()}/data/own`,
      }),
      // The student reads their own document; an admin who is no member is refused (0004).
      expect: [401, 200, 200, 200, 403, 403],
    },
    {
      route: 'PUT /api/course-phases/{coursePhaseId}/participants/{userId}/data/{scope}',
      request: async () => {
        const url = `/api/course-phases/${coursePhaseId}/participants/${await studentId()}/data/own`;
        return {
          method: 'PUT',
          url,
          headers: { 'if-match': await currentTag(url) },
          payload: { done: [] },
        };
      },
      expect: [401, 200, 200, 200, 403, 403],
    },
    {
      route: 'GET /api/course-phases/{coursePhaseId}/participants',
      request: () => ({ method: 'GET', url: `/api/course-phases/${coursePhaseId}/participants` }),
      expect: [401, 403, 200, 200, 403, 403],
    },
    {
      route: 'PATCH /api/courses/{courseId}',
      request: () => ({
        method: 'PATCH',
        url: `/api/courses/${t.courseId}`,
        payload: { term: 'Winter 2026/27' },
      }),
      expect: [401, 403, 403, 403, 403, 200],
    },
    {
      route: 'PATCH /api/courses/{courseId}/members/{userId}',
      request: async () => ({
        method: 'PATCH',
        url: `/api/courses/${t.courseId}/members/${await throwawayMember()}`,
        payload: { role: 'editor' },
      }),
      expect: [401, 403, 403, 200, 403, 200],
    },
    {
      route: 'GET /api/courses/{courseId}/audit',
      request: () => ({ method: 'GET', url: `/api/courses/${t.courseId}/audit` }),
      expect: [401, 403, 403, 200, 403, 200],
    },
    {
      route: 'GET /api/courses/{courseId}/catalogue',
      request: () => ({ method: 'GET', url: `/api/courses/${t.courseId}/catalogue` }),
      expect: [401, 403, 403, 200, 403, 200],
    },
    {
      route: 'GET /api/admin/audit',
      request: () => ({ method: 'GET', url: '/api/admin/audit' }),
      expect: [401, 403, 403, 403, 403, 200],
    },
    {
      route: 'GET /api/phase-types/{name}/audit',
      request: () => ({ method: 'GET', url: '/api/phase-types/intro-course/audit' }),
      expect: [401, 403, 403, 403, 403, 200],
    },
    {
      route: 'GET /api/admin/catalogue',
      request: () => ({ method: 'GET', url: '/api/admin/catalogue' }),
      expect: [401, 403, 403, 403, 403, 200],
    },
    {
      route: 'POST /api/admin/health-probes',
      request: () => ({ method: 'POST', url: '/api/admin/health-probes' }),
      expect: [401, 403, 403, 403, 403, 200],
    },
    // Admins and developers (the `overridePhases` permission; developers: phaseOverrides.test.ts).
    {
      route: 'GET /api/me/phase-overrides',
      request: () => ({ method: 'GET', url: '/api/me/phase-overrides' }),
      expect: [401, 403, 403, 403, 403, 200],
    },
    {
      route: 'PUT /api/me/phase-overrides/{phase}',
      request: () => {
        const dev = `4.0.${++version}-dev`;
        builds.publish(`/dev/${dev}`, phaseBuild('intro-course', dev));
        return {
          method: 'PUT',
          url: '/api/me/phase-overrides/intro-course',
          payload: { descriptorUrl: `${builds.origin}/dev/${dev}/phase.json` },
        };
      },
      expect: [401, 403, 403, 403, 403, 200],
    },
    {
      route: 'DELETE /api/me/phase-overrides/{phase}',
      request: () => ({ method: 'DELETE', url: '/api/me/phase-overrides/intro-course' }),
      expect: [401, 403, 403, 403, 403, 204],
    },
    {
      route: 'GET /api/admin/phase-publishers',
      request: () => ({ method: 'GET', url: '/api/admin/phase-publishers' }),
      expect: [401, 403, 403, 403, 403, 200],
    },
    {
      route: 'POST /api/admin/phase-publishers',
      request: () => ({
        method: 'POST',
        url: '/api/admin/phase-publishers',
        payload: { phase: 'intro-course', email: EMAIL.editor },
      }),
      expect: [401, 403, 403, 403, 403, 200],
    },
    {
      route: 'DELETE /api/admin/phase-publishers/{phase}/{userId}',
      request: async () => {
        const granted = await t.as(EMAIL.admin, {
          method: 'POST',
          url: '/api/admin/phase-publishers',
          payload: { phase: `p${randomUUID().slice(0, 8)}`, email: EMAIL.editor },
        });
        const { phase, user } = granted.json();
        return { method: 'DELETE', url: `/api/admin/phase-publishers/${phase}/${user.id}` };
      },
      expect: [401, 403, 403, 403, 403, 204],
    },
    {
      route: 'GET /api/admin/api-tokens',
      request: () => ({ method: 'GET', url: '/api/admin/api-tokens' }),
      expect: [401, 403, 403, 403, 403, 200],
    },
    {
      route: 'POST /api/admin/api-tokens',
      request: () => ({
        method: 'POST',
        url: '/api/admin/api-tokens',
        payload: { email: EMAIL.admin, name: 'CI', phase: null },
      }),
      expect: [401, 403, 403, 403, 403, 201],
    },
    {
      route: 'DELETE /api/admin/api-tokens/{tokenId}',
      request: async () => {
        const created = await t.as(EMAIL.admin, {
          method: 'POST',
          url: '/api/admin/api-tokens',
          payload: { email: EMAIL.admin, name: 'CI', phase: null },
        });
        return { method: 'DELETE', url: `/api/admin/api-tokens/${created.json().apiToken.id}` };
      },
      expect: [401, 403, 403, 403, 403, 200],
    },
    {
      route: 'POST /api/admin/signing-keys/rotate',
      request: () => ({ method: 'POST', url: '/api/admin/signing-keys/rotate', payload: {} }),
      expect: [401, 403, 403, 403, 403, 200],
    },
  ];

  const send = async (actor: Actor, row: Row) => {
    const request = await row.request();
    const email = EMAIL[actor];
    let cookie: string | undefined;
    if (email && row.freshSession) {
      const login = await t.app.inject({
        method: 'POST',
        url: '/api/auth/dev-login',
        headers: { [CSRF_HEADER]: '1' },
        payload: { email },
      });
      cookie = `${SESSION_COOKIE}=${login.cookies.find((c) => c.name === SESSION_COOKIE)?.value}`;
    } else if (email) {
      cookie = await t.cookieOf(email);
    }
    return t.app.inject({
      ...request,
      headers: { [CSRF_HEADER]: '1', ...request.headers, ...(cookie ? { cookie } : {}) },
    });
  };

  it.each(ROWS.map((row) => [row.route, row] as const))('%s', async (_route, row) => {
    const actual: Record<string, number> = {};
    const expected: Record<string, number> = {};
    for (const [index, actor] of ACTORS.entries()) {
      const response = await send(actor, row);
      actual[actor] = response.statusCode;
      expected[actor] = row.expect[index] ?? 0;
      if (response.statusCode >= 400)
        expect(response.headers['content-type']).toContain('application/problem+json');
    }
    expect(actual).toEqual(expected);
  });

  it('covers every route the registry serves', async () => {
    const doc = (await t.app.inject({ url: '/api/openapi.json' })).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    const served = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`),
    );
    const covered = new Set(ROWS.map((row) => row.route));
    expect(served.filter((route) => !covered.has(route))).toEqual([]);
  });
});
