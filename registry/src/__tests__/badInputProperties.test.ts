/**
 * Bad input over every route the registry registers (recorded as Fastify registers them, so a new
 * route is probed without editing this file): malformed requests generated from each route's own
 * schemas, sent as an admin, a lecturer, a student and nobody. Never a 5xx or a hang; every refusal
 * is problem+json with a code of the catalogue; a refused write changes no table. Every text field
 * and parameter is also tried with NUL and lone surrogates. A failure prints its seed: rerun with
 * `FC_SEED=<seed> npx vitest run src/__tests__/badInputProperties.test.ts`.
 */
import { CSRF_HEADER } from '@coursekit/phase-sdk/client';
import { probeBadInput, recordRoutes, snapshotTables } from '@coursekit/phase-sdk/server/testing';
import type { InjectOptions, RouteOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CATALOGUE } from '../errors.js';
import { SESSION_COOKIE } from '../modules/auth/sessionCookie.js';
import { startOidcProvider, type TestOidcProvider } from './support/oidcProvider.js';
import {
  type PhaseBuildServer,
  phaseBuild,
  startPhaseBuildServer,
} from './support/phaseBuildServer.js';
import { createTestApp, type TestApp } from './support/testApp.js';

const ADMIN = 'admin@coursekit.test';
const LECTURER = 'lecturer@coursekit.test';
const S1 = 'student1@coursekit.test';
const UNKNOWN_ID = '7f3b1c2e-0000-4000-8000-000000000000';
/** Sessions and sign-in counters change with every request, whatever its answer. */
const VOLATILE_TABLES = ['sessions', 'rate_limit_counters', 'scheduled_runs'];

describe('bad input on every registry route', () => {
  let t: TestApp;
  let builds: PhaseBuildServer;
  let routes: RouteOptions[];
  const known: Record<string, unknown[]> = {};
  /** Sessions of the callers; signing out (a route like any other) drops one. */
  const sessions = new Map<string, string>();

  const cookieOf = async (email: string) => {
    const known = sessions.get(email);
    if (known) return known;
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/dev-login',
      headers: { [CSRF_HEADER]: '1' },
      payload: { email },
    });
    const cookie = response.cookies.find((c) => c.name === SESSION_COOKIE);
    if (!cookie) throw new Error(`Sign-in as ${email} failed: ${response.body}`);
    sessions.set(email, `${SESSION_COOKIE}=${cookie.value}`);
    return `${SESSION_COOKIE}=${cookie.value}`;
  };
  const send = async (request: InjectOptions, email: string | null) => {
    const response = await t.app.inject({
      ...request,
      headers: {
        [CSRF_HEADER]: '1',
        ...request.headers,
        ...(email ? { cookie: await cookieOf(email) } : {}),
      },
    });
    if (email && response.statusCode === 401) sessions.delete(email);
    if (email && request.url === '/api/auth/logout') sessions.delete(email);
    return response;
  };

  beforeAll(async () => {
    const recorder = recordRoutes();
    try {
      [t, builds] = await Promise.all([createTestApp('pglite'), startPhaseBuildServer()]);
    } finally {
      recorder.stop();
    }
    routes = recorder.routesOf(t.app);
    builds.publish('/intro-course/1.0.0', phaseBuild('intro-course', '1.0.0'));
    await send(
      {
        method: 'POST',
        url: '/api/phase-types',
        payload: { name: 'intro-course', title: 'Intro', kind: 'client-only' },
      },
      ADMIN,
    );
    const registered = await send(
      {
        method: 'POST',
        url: '/api/phase-types/intro-course/versions',
        payload: { descriptorUrl: `${builds.origin}/intro-course/1.0.0/phase.json` },
      },
      ADMIN,
    );
    const added = await send(
      {
        method: 'POST',
        url: `/api/courses/${t.courseId}/phases`,
        headers: { 'if-match': '*' },
        payload: { phase: 'intro-course', title: 'Welcome' },
      },
      LECTURER,
    );
    expect([registered.statusCode, added.statusCode]).toEqual([201, 201]);
    const student = (await send({ method: 'GET', url: '/api/me' }, S1)).json().user.id;
    Object.assign(known, {
      courseId: [t.courseId, UNKNOWN_ID],
      coursePhaseId: [added.json().id, UNKNOWN_ID],
      userId: [student, UNKNOWN_ID],
      name: ['intro-course', 'ghost'],
      phase: ['intro-course', 'ghost'],
      version: ['1.0.0', '9.9.9'],
      '*': ['intro-course/1.0.0/phase.json', 'x'],
    });
  });
  afterAll(async () => {
    await Promise.all([t?.close(), builds?.close()]);
  });

  it('records the routes it probes, plugins’ included', () => {
    const names = routes.map((route) => `${route.method} ${route.url}`);
    expect(names).toEqual(
      expect.arrayContaining([
        'POST /api/courses',
        'PUT /api/course-phases/:coursePhaseId/data/:scope',
        'GET /api/openapi.json',
      ]),
    );
  });

  it('never answers 5xx, always problem+json with a catalogue code, and a refused write changes nothing', async () => {
    await probeBadInput({
      routes,
      callers: [ADMIN, LECTURER, S1, null],
      send,
      known,
      catalogue: ERROR_CATALOGUE.entries,
      snapshot: snapshotTables(t.testDb.db, { except: VOLATILE_TABLES }),
      numRuns: 15,
    });
  });
});

describe('bad input on every registry route with OpenID Connect sign-in', () => {
  // The routes differ (OIDC login and callback, no dev login); callers are anonymous, as everyone
  // is before the identity provider has answered.
  let t: TestApp;
  let provider: TestOidcProvider;
  let routes: RouteOptions[];

  beforeAll(async () => {
    const publicUrl = 'https://coursekit.test';
    provider = await startOidcProvider({
      redirectUri: `${publicUrl}/api/auth/oidc/callback`,
      accounts: { ada: { email: 'ada@uni.example', email_verified: true } },
    });
    const recorder = recordRoutes();
    try {
      t = await createTestApp('pglite', {
        AUTH_MODE: 'oidc',
        PUBLIC_URL: publicUrl,
        OIDC_ISSUER: provider.issuer,
        OIDC_CLIENT_ID: provider.clientId,
        OIDC_CLIENT_SECRET: provider.clientSecret,
      });
    } finally {
      recorder.stop();
    }
    routes = recorder.routesOf(t.app);
  });
  afterAll(async () => {
    await t?.close();
    await provider?.close();
  });

  it('never answers 5xx, always problem+json with a catalogue code, and a refused write changes nothing', async () => {
    expect(routes.map((route) => route.url)).toContain('/api/auth/oidc/callback');
    await probeBadInput({
      routes,
      callers: [null],
      send: (request) =>
        t.app.inject({ ...request, headers: { [CSRF_HEADER]: '1', ...request.headers } }),
      catalogue: ERROR_CATALOGUE.entries,
      snapshot: snapshotTables(t.testDb.db, { except: VOLATILE_TABLES }),
      numRuns: 10,
    });
  });
});
