/**
 * The authorization matrix: every registry route × every kind of caller, with the exact status of
 * each cell. Requests are valid, so a cell's status is the authorization decision alone. A route
 * added without a row here fails the coverage check, so no route escapes the matrix (routes the
 * OpenAPI document hides, the gateway and `/metrics` among them, are listed by hand).
 *
 * Callers come in two sets. Sessions: nobody, each course role, a lecturer of another course, an
 * admin, and the two platform roles that are no course role, a developer (who may override phases
 * in their own browser) and a publisher of one phase type; both are members of no course, so their
 * columns show what the platform role alone grants. Bearers, with no cookie: a student's phase
 * token (for phase servers, through the gateway; the core API takes it for no one), the metrics
 * scraper's `METRICS_TOKEN`, and API tokens, which `POST /api/phase-bundles` alone accepts (any
 * other `/api` route answers 403; nothing outside `/api` reads them): a publisher's for their
 * phase, an admin's for every phase, a token for another phase, an expired and a revoked one.
 */
import { randomUUID } from 'node:crypto';
import { CSRF_HEADER } from '@coursekit/phase-sdk/client';
import { CreatedApiToken, PhaseToken } from '@coursekit/phase-sdk/contract';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../modules/auth/sessionCookie.js';
import { UserRepository } from '../modules/auth/userRepository.js';
import {
  type PhaseBuildServer,
  phaseBuild,
  startPhaseBuildServer,
  uploadBody,
} from './support/phaseBuildServer.js';
import { createTestApp, type TestApp } from './support/testApp.js';

/** Publisher of `intro-course` (the phase of the course phase below) and holder of its tokens. */
const PUBLISHER = 'publisher@coursekit.test';
/** Publisher of `survey` only: the holder of the other phase's token. */
const OTHER_PUBLISHER = 'publisher2@coursekit.test';
const METRICS_TOKEN = 'scrape-me';

const SESSIONS = [
  'anonymous',
  'student',
  'editor',
  'lecturer',
  'otherLecturer',
  'admin',
  'developer',
  'publisher',
] as const;
type Session = (typeof SESSIONS)[number];
const EMAIL = {
  anonymous: null,
  student: 'student1@coursekit.test',
  editor: 'editor@coursekit.test',
  lecturer: 'lecturer@coursekit.test',
  otherLecturer: 'lecturer2@coursekit.test',
  admin: 'admin@coursekit.test',
  developer: 'developer@coursekit.test',
  publisher: PUBLISHER,
} as const satisfies Record<Session, string | null>;
const BEARERS = [
  'phaseToken',
  'metricsToken',
  'publisherToken',
  'adminToken',
  'otherPhaseToken',
  'expiredToken',
  'revokedToken',
] as const;
type Bearer = (typeof BEARERS)[number];

/** One expected status per caller of `Callers`, in its order. */
type Statuses<Callers extends readonly string[]> = { [K in keyof Callers]: number };

interface Row {
  route: string;
  /** Builds a valid request for this call (fresh data where a write must not collide). */
  request: () => Promise<InjectOptions> | InjectOptions;
  /** anonymous, student, editor, lecturer, otherLecturer, admin, developer, publisher */
  sessions: Statuses<typeof SESSIONS>;
  /** phaseToken, metricsToken; API tokens: publisher's, admin's, other phase's, expired, revoked */
  bearers: Statuses<typeof BEARERS>;
  /** Sign in afresh for this request (logout ends the session it uses). */
  freshSession?: boolean;
}

describe('authorization matrix', () => {
  let t: TestApp;
  let builds: PhaseBuildServer;
  let otherCourseId: string;
  let coursePhaseId: string;
  const secretOf = {} as Record<Bearer, string>;
  let version = 0;

  beforeAll(async () => {
    // Authorization does not depend on the engine; PGlite keeps this suite fast.
    [t, builds] = await Promise.all([
      createTestApp('pglite', { METRICS_TOKEN }),
      startPhaseBuildServer(),
    ]);
    secretOf.metricsToken = METRICS_TOKEN;
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

    // A phase with a server behind the gateway (the build server answers its `/ping`), and a
    // student's phase token for it.
    await admin({
      method: 'POST',
      url: '/api/phase-types',
      payload: { name: 'notes', title: 'Notes', kind: 'client-and-server' },
    });
    builds.publish(
      '/notes/1.0.0',
      phaseBuild('notes', '1.0.0', { descriptor: { kind: 'client-and-server' } }),
    );
    builds.publish('/notes-server', { ping: { pong: true } });
    await admin({
      method: 'POST',
      url: '/api/phase-types/notes/versions',
      payload: {
        descriptorUrl: `${builds.origin}/notes/1.0.0/phase.json`,
        serverUrl: `${builds.origin}/notes-server`,
      },
    });
    const notes = await admin({
      method: 'POST',
      url: `/api/courses/${t.courseId}/phases`,
      headers: { 'if-match': '*' },
      payload: { phase: 'notes', title: 'Notes' },
    });
    const phaseToken = await t.as(EMAIL.student, {
      method: 'POST',
      url: `/api/course-phases/${notes.json().id}/token`,
    });
    secretOf.phaseToken = PhaseToken.parse(phaseToken.json()).token;

    // The seeded developer lectures the sample course; here they are a member of no course.
    const developer = await t.as(EMAIL.developer, { method: 'GET', url: '/api/me' });
    await admin({
      method: 'DELETE',
      url: `/api/courses/${t.courseId}/members/${developer.json().user.id}`,
    });
    // Publishers are users who signed in once (as with the identity provider) and hold no role.
    const users = new UserRepository(t.testDb.db);
    for (const [email, phase] of [
      [PUBLISHER, 'intro-course'],
      [OTHER_PUBLISHER, 'survey'],
    ] as const) {
      await users.upsert({ email, name: email, isAdmin: false, isDeveloper: false });
      await admin({
        method: 'POST',
        url: '/api/admin/phase-publishers',
        payload: { phase, email },
      });
    }
    const token = async (email: string, phase: string | null) => {
      const created = await admin({
        method: 'POST',
        url: '/api/admin/api-tokens',
        payload: { email, name: `${phase ?? 'every phase'} CI`, phase },
      });
      return CreatedApiToken.parse(created.json());
    };
    secretOf.publisherToken = (await token(PUBLISHER, 'intro-course')).token;
    secretOf.adminToken = (await token(EMAIL.admin, null)).token;
    secretOf.otherPhaseToken = (await token(OTHER_PUBLISHER, 'survey')).token;
    const expired = await token(PUBLISHER, 'intro-course');
    await t.testDb.db.query(
      "UPDATE api_tokens SET expires_at = now() - interval '1 minute' WHERE id = $1",
      [expired.apiToken.id],
    );
    secretOf.expiredToken = expired.token;
    const revoked = await token(PUBLISHER, 'intro-course');
    await admin({ method: 'DELETE', url: `/api/admin/api-tokens/${revoked.apiToken.id}` });
    secretOf.revokedToken = revoked.token;
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
      sessions: [200, 200, 200, 200, 200, 200, 200, 200],
      bearers: [200, 200, 200, 200, 200, 200, 200],
    },
    {
      route: 'GET /readyz',
      request: () => ({ method: 'GET', url: '/readyz' }),
      sessions: [200, 200, 200, 200, 200, 200, 200, 200],
      bearers: [200, 200, 200, 200, 200, 200, 200],
    },
    {
      route: 'GET /.well-known/jwks.json',
      request: () => ({ method: 'GET', url: '/.well-known/jwks.json' }),
      sessions: [200, 200, 200, 200, 200, 200, 200, 200],
      bearers: [200, 200, 200, 200, 200, 200, 200],
    },
    // The gateway, the phase servers' API (not in the OpenAPI document), takes phase tokens only:
    // neither a session nor an API token reaches a phase server.
    {
      route: 'GET /phase-api/{phase}/*',
      request: () => ({ method: 'GET', url: '/phase-api/notes/ping' }),
      sessions: [401, 401, 401, 401, 401, 401, 401, 401],
      bearers: [200, 401, 401, 401, 401, 401, 401],
    },
    {
      route: 'GET /metrics',
      request: () => ({ method: 'GET', url: '/metrics' }),
      sessions: [401, 401, 401, 401, 401, 401, 401, 401],
      bearers: [401, 200, 401, 401, 401, 401, 401],
    },
    {
      route: 'GET /api/openapi.json',
      request: () => ({ method: 'GET', url: '/api/openapi.json' }),
      sessions: [200, 200, 200, 200, 200, 200, 200, 200],
      bearers: [200, 200, 403, 403, 403, 403, 403],
    },
    {
      route: 'GET /api/auth/config',
      request: () => ({ method: 'GET', url: '/api/auth/config' }),
      sessions: [200, 200, 200, 200, 200, 200, 200, 200],
      bearers: [200, 200, 403, 403, 403, 403, 403],
    },
    {
      route: 'POST /api/auth/dev-login',
      request: () => ({
        method: 'POST',
        url: '/api/auth/dev-login',
        payload: { email: EMAIL.student },
      }),
      sessions: [200, 200, 200, 200, 200, 200, 200, 200],
      bearers: [200, 200, 403, 403, 403, 403, 403],
      freshSession: true,
    },
    {
      route: 'POST /api/auth/logout',
      request: () => ({ method: 'POST', url: '/api/auth/logout' }),
      sessions: [204, 204, 204, 204, 204, 204, 204, 204],
      bearers: [204, 204, 403, 403, 403, 403, 403],
      freshSession: true,
    },
    {
      route: 'GET /api/me',
      request: () => ({ method: 'GET', url: '/api/me' }),
      sessions: [401, 200, 200, 200, 200, 200, 200, 200],
      bearers: [401, 401, 403, 403, 403, 403, 403],
    },
    {
      route: 'GET /api/courses',
      request: () => ({ method: 'GET', url: '/api/courses' }),
      sessions: [401, 200, 200, 200, 200, 200, 200, 200],
      bearers: [401, 401, 403, 403, 403, 403, 403],
    },
    {
      route: 'POST /api/courses',
      request: () => ({
        method: 'POST',
        url: '/api/courses',
        payload: { slug: `c-${randomUUID().slice(0, 8)}`, title: 'New' },
      }),
      sessions: [401, 403, 403, 403, 403, 201, 403, 403],
      bearers: [401, 401, 403, 403, 403, 403, 403],
    },
    {
      route: 'GET /api/courses/{courseId}/members',
      request: () => ({ method: 'GET', url: `/api/courses/${t.courseId}/members` }),
      sessions: [401, 403, 200, 200, 403, 200, 403, 403],
      bearers: [401, 401, 403, 403, 403, 403, 403],
    },
    {
      route: 'POST /api/courses/{courseId}/members',
      request: () => ({
        method: 'POST',
        url: `/api/courses/${t.courseId}/members`,
        payload: { email: `n-${randomUUID().slice(0, 8)}@coursekit.test`, role: 'student' },
      }),
      sessions: [401, 403, 403, 201, 403, 201, 403, 403],
      bearers: [401, 401, 403, 403, 403, 403, 403],
    },
    {
      route: 'DELETE /api/courses/{courseId}/members/{userId}',
      request: async () => ({
        method: 'DELETE',
        url: `/api/courses/${t.courseId}/members/${await throwawayMember()}`,
      }),
      sessions: [401, 403, 403, 204, 403, 204, 403, 403],
      bearers: [401, 401, 403, 403, 403, 403, 403],
    },
    {
      route: 'GET /api/courses/{courseId}/phases',
      request: () => ({ method: 'GET', url: `/api/courses/${t.courseId}/phases` }),
      sessions: [401, 200, 200, 200, 403, 200, 403, 403],
      bearers: [401, 401, 403, 403, 403, 403, 403],
    },
    {
      route: 'GET /api/courses/{courseId}/composition',
      request: () => ({ method: 'GET', url: `/api/courses/${t.courseId}/composition` }),
      sessions: [401, 403, 200, 200, 403, 200, 403, 403],
      bearers: [401, 401, 403, 403, 403, 403, 403],
    },
    {
      route: 'POST /api/courses/{courseId}/phases',
      request: () => ({
        method: 'POST',
        url: `/api/courses/${t.courseId}/phases`,
        headers: { 'if-match': '*' },
        payload: { phase: 'intro-course', title: `More ${randomUUID()}`, enabled: false },
      }),
      sessions: [401, 403, 403, 201, 403, 201, 403, 403],
      bearers: [401, 401, 403, 403, 403, 403, 403],
    },
    {
      route: 'PATCH /api/courses/{courseId}/phases/{coursePhaseId}',
      request: () => ({
        method: 'PATCH',
        url: `/api/courses/${t.courseId}/phases/${coursePhaseId}`,
        headers: { 'if-match': '*' },
        payload: { title: 'Welcome' },
      }),
      sessions: [401, 403, 403, 200, 403, 200, 403, 403],
      bearers: [401, 401, 403, 403, 403, 403, 403],
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
      sessions: [401, 202, 202, 202, 202, 202, 202, 202],
      bearers: [401, 401, 403, 403, 403, 403, 403],
    },
    {
      route: 'GET /api/admin/phase-loads',
      request: () => ({ method: 'GET', url: '/api/admin/phase-loads' }),
      sessions: [401, 403, 403, 403, 403, 200, 403, 403],
      bearers: [401, 401, 403, 403, 403, 403, 403],
    },
    {
      route: 'GET /api/phase-types',
      request: () => ({ method: 'GET', url: '/api/phase-types' }),
      sessions: [401, 403, 403, 403, 403, 200, 403, 403],
      bearers: [401, 401, 403, 403, 403, 403, 403],
    },
    {
      route: 'POST /api/phase-types',
      request: () => ({
        method: 'POST',
        url: '/api/phase-types',
        payload: { name: `p${randomUUID().slice(0, 8)}`, title: 'P', kind: 'client-only' },
      }),
      sessions: [401, 403, 403, 403, 403, 201, 403, 403],
      bearers: [401, 401, 403, 403, 403, 403, 403],
    },
    {
      route: 'GET /api/phase-types/{name}/versions',
      request: () => ({ method: 'GET', url: '/api/phase-types/intro-course/versions' }),
      sessions: [401, 403, 403, 403, 403, 200, 403, 403],
      bearers: [401, 401, 403, 403, 403, 403, 403],
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
      sessions: [401, 403, 403, 403, 403, 201, 403, 403],
      bearers: [401, 401, 403, 403, 403, 403, 403],
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
      sessions: [401, 403, 403, 403, 403, 201, 403, 201],
      bearers: [401, 401, 201, 201, 403, 401, 401],
    },
    {
      route: 'PATCH /api/phase-types/{name}/versions/{version}',
      request: () => ({
        method: 'PATCH',
        url: '/api/phase-types/intro-course/versions/1.0.0',
        payload: { status: 'active' },
      }),
      sessions: [401, 403, 403, 403, 403, 200, 403, 403],
      bearers: [401, 401, 403, 403, 403, 403, 403],
    },
    {
      route: 'GET /api/notices',
      request: () => ({ method: 'GET', url: '/api/notices' }),
      sessions: [401, 200, 200, 200, 200, 200, 200, 200],
      bearers: [401, 401, 403, 403, 403, 403, 403],
    },
    {
      route: 'POST /api/notices/{noticeId}/read',
      request: () => ({ method: 'POST', url: `/api/notices/${randomUUID()}/read` }),
      // Notices are each user's own: another user's notice (here: nobody's) is not found.
      sessions: [401, 404, 404, 404, 404, 404, 404, 404],
      bearers: [401, 401, 403, 403, 403, 403, 403],
    },
    {
      route: 'POST /api/course-phases/{coursePhaseId}/token',
      request: () => ({ method: 'POST', url: `/api/course-phases/${coursePhaseId}/token` }),
      // Tokens speak for a member's role: an admin who is not a member gets none.
      sessions: [401, 200, 200, 200, 403, 403, 403, 403],
      bearers: [401, 401, 403, 403, 403, 403, 403],
    },
    {
      route: 'GET /api/course-phases/{coursePhaseId}/data/{scope}',
      request: () => ({ method: 'GET', url: `/api/course-phases/${coursePhaseId}/data/shared` }),
      sessions: [401, 200, 200, 200, 403, 403, 403, 403],
      bearers: [401, 401, 403, 403, 403, 403, 403],
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
      sessions: [401, 403, 200, 200, 403, 403, 403, 403],
      bearers: [401, 401, 403, 403, 403, 403, 403],
    },
    {
      route: 'GET /api/course-phases/{coursePhaseId}/participants/{userId}/data/{scope}',
      request: async () => ({
        method: 'GET',
        url: `/api/course-phases/${coursePhaseId}/participants/${await studentId()}/data/own`,
      }),
      // The student reads their own document; an admin who is no member is refused (0004).
      sessions: [401, 200, 200, 200, 403, 403, 403, 403],
      bearers: [401, 401, 403, 403, 403, 403, 403],
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
      sessions: [401, 200, 200, 200, 403, 403, 403, 403],
      bearers: [401, 401, 403, 403, 403, 403, 403],
    },
    {
      route: 'GET /api/course-phases/{coursePhaseId}/participants',
      request: () => ({ method: 'GET', url: `/api/course-phases/${coursePhaseId}/participants` }),
      sessions: [401, 403, 200, 200, 403, 403, 403, 403],
      bearers: [401, 401, 403, 403, 403, 403, 403],
    },
    {
      route: 'PATCH /api/courses/{courseId}',
      request: () => ({
        method: 'PATCH',
        url: `/api/courses/${t.courseId}`,
        payload: { term: 'Winter 2026/27' },
      }),
      sessions: [401, 403, 403, 403, 403, 200, 403, 403],
      bearers: [401, 401, 403, 403, 403, 403, 403],
    },
    {
      route: 'PATCH /api/courses/{courseId}/members/{userId}',
      request: async () => ({
        method: 'PATCH',
        url: `/api/courses/${t.courseId}/members/${await throwawayMember()}`,
        payload: { role: 'editor' },
      }),
      sessions: [401, 403, 403, 200, 403, 200, 403, 403],
      bearers: [401, 401, 403, 403, 403, 403, 403],
    },
    {
      route: 'GET /api/courses/{courseId}/audit',
      request: () => ({ method: 'GET', url: `/api/courses/${t.courseId}/audit` }),
      sessions: [401, 403, 403, 200, 403, 200, 403, 403],
      bearers: [401, 401, 403, 403, 403, 403, 403],
    },
    {
      route: 'GET /api/courses/{courseId}/catalogue',
      request: () => ({ method: 'GET', url: `/api/courses/${t.courseId}/catalogue` }),
      sessions: [401, 403, 403, 200, 403, 200, 403, 403],
      bearers: [401, 401, 403, 403, 403, 403, 403],
    },
    {
      route: 'GET /api/admin/audit',
      request: () => ({ method: 'GET', url: '/api/admin/audit' }),
      sessions: [401, 403, 403, 403, 403, 200, 403, 403],
      bearers: [401, 401, 403, 403, 403, 403, 403],
    },
    {
      route: 'GET /api/phase-types/{name}/audit',
      request: () => ({ method: 'GET', url: '/api/phase-types/intro-course/audit' }),
      sessions: [401, 403, 403, 403, 403, 200, 403, 403],
      bearers: [401, 401, 403, 403, 403, 403, 403],
    },
    {
      route: 'GET /api/admin/catalogue',
      request: () => ({ method: 'GET', url: '/api/admin/catalogue' }),
      sessions: [401, 403, 403, 403, 403, 200, 403, 403],
      bearers: [401, 401, 403, 403, 403, 403, 403],
    },
    {
      route: 'POST /api/admin/health-probes',
      request: () => ({ method: 'POST', url: '/api/admin/health-probes' }),
      sessions: [401, 403, 403, 403, 403, 200, 403, 403],
      bearers: [401, 401, 403, 403, 403, 403, 403],
    },
    // Admins and developers (the `overridePhases` permission; developers: phaseOverrides.test.ts).
    {
      route: 'GET /api/me/phase-overrides',
      request: () => ({ method: 'GET', url: '/api/me/phase-overrides' }),
      sessions: [401, 403, 403, 403, 403, 200, 200, 403],
      bearers: [401, 401, 403, 403, 403, 403, 403],
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
      sessions: [401, 403, 403, 403, 403, 200, 200, 403],
      bearers: [401, 401, 403, 403, 403, 403, 403],
    },
    {
      route: 'DELETE /api/me/phase-overrides/{phase}',
      request: () => ({ method: 'DELETE', url: '/api/me/phase-overrides/intro-course' }),
      sessions: [401, 403, 403, 403, 403, 204, 204, 403],
      bearers: [401, 401, 403, 403, 403, 403, 403],
    },
    {
      route: 'GET /api/admin/phase-publishers',
      request: () => ({ method: 'GET', url: '/api/admin/phase-publishers' }),
      sessions: [401, 403, 403, 403, 403, 200, 403, 403],
      bearers: [401, 401, 403, 403, 403, 403, 403],
    },
    {
      route: 'POST /api/admin/phase-publishers',
      request: () => ({
        method: 'POST',
        url: '/api/admin/phase-publishers',
        payload: { phase: 'intro-course', email: PUBLISHER },
      }),
      sessions: [401, 403, 403, 403, 403, 200, 403, 403],
      bearers: [401, 401, 403, 403, 403, 403, 403],
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
      sessions: [401, 403, 403, 403, 403, 204, 403, 403],
      bearers: [401, 401, 403, 403, 403, 403, 403],
    },
    {
      route: 'GET /api/admin/api-tokens',
      request: () => ({ method: 'GET', url: '/api/admin/api-tokens' }),
      sessions: [401, 403, 403, 403, 403, 200, 403, 403],
      bearers: [401, 401, 403, 403, 403, 403, 403],
    },
    {
      route: 'POST /api/admin/api-tokens',
      request: () => ({
        method: 'POST',
        url: '/api/admin/api-tokens',
        payload: { email: EMAIL.admin, name: 'CI', phase: null },
      }),
      sessions: [401, 403, 403, 403, 403, 201, 403, 403],
      bearers: [401, 401, 403, 403, 403, 403, 403],
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
      sessions: [401, 403, 403, 403, 403, 200, 403, 403],
      bearers: [401, 401, 403, 403, 403, 403, 403],
    },
    {
      route: 'POST /api/admin/signing-keys/rotate',
      request: () => ({ method: 'POST', url: '/api/admin/signing-keys/rotate', payload: {} }),
      sessions: [401, 403, 403, 403, 403, 200, 403, 403],
      bearers: [401, 401, 403, 403, 403, 403, 403],
    },
  ];

  /** The cookie of `session`'s sign-in (a new one for rows that end it), or none. */
  const cookieOf = async (session: Session, row: Row): Promise<Record<string, string>> => {
    const email = EMAIL[session];
    if (!email) return {};
    if (!row.freshSession) return { cookie: await t.cookieOf(email) };
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/dev-login',
      headers: { [CSRF_HEADER]: '1' },
      payload: { email },
    });
    const value = login.cookies.find((c) => c.name === SESSION_COOKIE)?.value;
    return { cookie: `${SESSION_COOKIE}=${value}` };
  };

  const send = async (row: Row, credentials: Record<string, string>) => {
    const request = await row.request();
    return t.app.inject({
      ...request,
      headers: { [CSRF_HEADER]: '1', ...request.headers, ...credentials },
    });
  };

  it.each(ROWS.map((row) => [row.route, row] as const))('%s', async (_route, row) => {
    const actual: Record<string, number> = {};
    const expected: Record<string, number> = {};
    const record = (caller: string, status: number, response: LightMyRequestResponse) => {
      actual[caller] = response.statusCode;
      expected[caller] = status;
      if (response.statusCode >= 400)
        expect(response.headers['content-type']).toContain('application/problem+json');
    };
    for (const [index, session] of SESSIONS.entries()) {
      record(session, row.sessions[index] ?? 0, await send(row, await cookieOf(session, row)));
    }
    for (const [index, bearer] of BEARERS.entries()) {
      const authorization = `Bearer ${secretOf[bearer]}`;
      record(bearer, row.bearers[index] ?? 0, await send(row, { authorization }));
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
