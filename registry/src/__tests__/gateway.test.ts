/**
 * The gateway over real HTTP: the registry forwards `/phase-api/<phase>/*` to the phase's own
 * server with the caller's phase token, streams bodies both ways, and turns a dead or slow phase
 * server into a contained 502/504 problem while the rest of the registry keeps answering.
 */
import type { PhaseToken } from '@coursekit/phase-sdk/contract';
import {
  API_DIRECTIVES,
  coreAuthPlugin,
  coreIdentity,
  refuseOversizedBody,
  securityHeadersPlugin,
} from '@coursekit/phase-sdk/server';
import { findSecurityHeaderProblems } from '@coursekit/phase-sdk/server/testing';
import Fastify, { type FastifyInstance } from 'fastify';
import { Agent, getGlobalDispatcher, request as undiciRequest } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type PhaseBuildServer,
  phaseBuild,
  startPhaseBuildServer,
} from './support/phaseBuildServer.js';
import { createTestApp, freePort, type TestApp } from './support/testApp.js';

const ADMIN = 'admin@coursekit.test';
const LECTURER = 'lecturer@coursekit.test';
const STUDENT = 'student1@coursekit.test';

/** The phase server's body limit, as in the template (100 kB). */
const PHASE_BODY_LIMIT = 100_000;
const slowRequests: ((value: unknown) => void)[] = [];

async function startMatchingServer(issuer: string, port: number): Promise<FastifyInstance> {
  const app = Fastify({ bodyLimit: PHASE_BODY_LIMIT });
  // As every phase server built with the SDK: a body over the limit does not reset the connection.
  app.addHook('onRequest', refuseOversizedBody());
  // And with the kit's security headers, which the gateway must pass on, not replace by its own.
  await app.register(securityHeadersPlugin, {
    directives: API_DIRECTIVES,
    resourcePolicy: 'same-origin',
    secure: false,
  });
  await app.register(coreAuthPlugin, { issuer, phase: 'matching' });
  app.get('/whoami', async (request) => ({
    ...coreIdentity(request),
    query: request.query,
    cookie: request.headers.cookie ?? null,
  }));
  app.post('/echo', async (request) => ({ received: request.body }));
  // What reached the server, byte for byte (before its own router decodes anything).
  app.all('/raw/*', async (request) => ({ url: request.raw.url }));
  // Answers only when the test lets it (after the gateway gave up), never after a fixed delay.
  app.get('/slow', async () => {
    await new Promise((resolve) => slowRequests.push(resolve));
    return { late: true };
  });
  await app.listen({ port, host: '127.0.0.1' });
  return app;
}

describe('gateway', () => {
  let t: TestApp;
  let builds: PhaseBuildServer;
  let server: FastifyInstance | null = null;
  let serverPort: number;
  const coursePhases: Record<string, string> = {};

  beforeAll(async () => {
    // Forwarding does not depend on the database engine; PGlite keeps this fast.
    [t, builds, serverPort] = await Promise.all([
      // Far above any honest answer on a busy machine; only /slow, which never answers, meets it.
      createTestApp('pglite', { GATEWAY_TIMEOUT_MS: '5000' }, { listen: true }),
      startPhaseBuildServer(),
      freePort(),
    ]);
    for (const [name, kind] of [
      ['matching', 'client-and-server'],
      ['intro-course', 'client-only'],
    ] as const) {
      builds.publish(`/${name}/1.0.0`, phaseBuild(name, '1.0.0', { descriptor: { kind } }));
      await t.as(ADMIN, {
        method: 'POST',
        url: '/api/phase-types',
        payload: { name, title: name, kind },
      });
      const version = await t.as(ADMIN, {
        method: 'POST',
        url: `/api/phase-types/${name}/versions`,
        payload: {
          descriptorUrl: `${builds.origin}/${name}/1.0.0/phase.json`,
          serverUrl: `http://127.0.0.1:${serverPort}`,
        },
      });
      expect(version.statusCode).toBe(201);
      coursePhases[name] = (
        await t.as(LECTURER, {
          method: 'POST',
          url: `/api/courses/${t.courseId}/phases`,
          headers: { 'if-match': '*' },
          payload: { phase: name, title: name },
        })
      ).json().id;
    }
    server = await startMatchingServer(t.origin, serverPort);
  });
  afterAll(async () => {
    await Promise.all([server?.close(), builds?.close()]);
    await t?.close();
  });

  const token = async (phase = 'matching') =>
    (
      (
        await t.as(STUDENT, {
          method: 'POST',
          url: `/api/course-phases/${coursePhases[phase]}/token`,
        })
      ).json() as PhaseToken
    ).token;
  const viaGateway = (path: string, init: RequestInit & { token?: string } = {}) =>
    fetch(`${t.origin}/phase-api/matching/${path}`, {
      ...init,
      headers: {
        ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
        ...(init.headers as Record<string, string>),
      },
    });

  it('forwards to the phase server with the token, the path and the query, but not the session cookie', async () => {
    const response = await viaGateway('whoami?x=1', {
      token: await token(),
      headers: { cookie: await t.cookieOf(STUDENT) },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      courseId: t.courseId,
      coursePhaseId: coursePhases.matching,
      role: 'student',
      query: { x: '1' },
      cookie: null,
    });
  });

  it("passes on the phase server's security headers, not the registry's", async () => {
    const answers = [
      await viaGateway('whoami', { token: await token() }),
      await viaGateway('no-such-route', { token: await token() }),
    ];
    expect(answers.map((answer) => answer.status)).toEqual([200, 404]);
    const headers = answers.map((answer) => ({
      statusCode: answer.status,
      headers: Object.fromEntries(answer.headers),
    }));
    expect(findSecurityHeaderProblems(headers)).toEqual([]);
    for (const answer of answers) {
      expect(answer.headers.get('content-security-policy')).toBe(
        "default-src 'none';frame-ancestors 'none'",
      );
    }
  });

  it('streams request bodies through', async () => {
    const body = JSON.stringify({ ranking: Array.from({ length: 5_000 }, (_, i) => i) });
    const response = await viaGateway('echo', {
      method: 'POST',
      token: await token(),
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(response.status).toBe(200);
    expect(
      ((await response.json()) as { received: { ranking: number[] } }).received.ranking,
    ).toHaveLength(5_000);
  });

  it.each([
    ['a malformed query string', 'raw/q?x=%ZZ&y=%', '/raw/q?x=%ZZ&y=%'],
    ['an encoded question mark in the path', 'raw/a%3Fb=c', '/raw/a%3Fb=c'],
    ['an encoded hash in the path', 'raw/x%23y?z=%23', '/raw/x%23y?z=%23'],
    ['encoded slashes and spaces', 'raw/a%2Fb/c%20d?e=f+g', '/raw/a%2Fb/c%20d?e=f+g'],
  ])(
    'regression: forwards %s exactly as received (was 500, or cut and decoded)',
    async (_what, path, received) => {
      const response = await viaGateway(path, { token: await token() });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ url: received });
    },
  );

  it("refuses a dot segment that would climb out of the phase server's base path", async () => {
    for (const path of ['raw/../../x', 'raw/%2e%2E/x', 'raw/.%2e/x']) {
      // `path` goes out as written: a URL would have its dot segments resolved by the client.
      const response = await getGlobalDispatcher().request({
        origin: t.origin,
        method: 'GET',
        path: `/phase-api/matching/${path}`,
        headers: { authorization: `Bearer ${await token()}` },
      });
      // Refused by the gateway (400) or unmatched by the router (404); never forwarded.
      expect([400, 404], path).toContain(response.statusCode);
      expect(response.headers['content-type']).toContain('application/problem+json');
      await response.body.dump();
    }
  });

  it('regression: a body the phase server refuses with 413 comes back as 413, and the keep-alive connection goes on', async () => {
    // One connection, reused: the second request must go over the socket of the first.
    const agent = new Agent({ connections: 1, pipelining: 1 });
    let connections = 0;
    const countConnections = () => {
      connections++;
    };
    t.app.server.on('connection', countConnections);
    try {
      const phaseToken = await token();
      for (const size of [PHASE_BODY_LIMIT * 10, PHASE_BODY_LIMIT * 3]) {
        const tooLarge = await undiciRequest(`${t.origin}/phase-api/matching/echo`, {
          dispatcher: agent,
          method: 'POST',
          headers: { authorization: `Bearer ${phaseToken}`, 'content-type': 'application/json' },
          body: JSON.stringify({ blob: 'x'.repeat(size) }),
        });
        expect(tooLarge.statusCode).toBe(413);
        await tooLarge.body.text();
        const next = await undiciRequest(`${t.origin}/phase-api/matching/whoami`, {
          dispatcher: agent,
          headers: { authorization: `Bearer ${phaseToken}` },
        });
        expect(next.statusCode).toBe(200);
        expect(((await next.body.json()) as { role: string }).role).toBe('student');
      }
      expect(connections).toBe(1);
    } finally {
      t.app.server.off('connection', countConnections);
      await agent.close();
    }
  });

  it('refuses requests without a valid token for this phase before forwarding', async () => {
    const missing = await viaGateway('whoami');
    expect(missing.status).toBe(401);
    expect(((await missing.json()) as { code: string }).code).toBe('CK_TOKEN_MISSING');
    const otherPhase = await viaGateway('whoami', { token: await token('intro-course') });
    expect(otherPhase.status).toBe(403);
    expect(((await otherPhase.json()) as { code: string }).code).toBe('CK_TOKEN_WRONG_AUDIENCE');
  });

  it('says a client-only phase has no server', async () => {
    const response = await fetch(`${t.origin}/phase-api/intro-course/anything`, {
      headers: { authorization: `Bearer ${await token('intro-course')}` },
    });
    expect(response.status).toBe(404);
    expect(((await response.json()) as { code: string }).code).toBe('CK_NO_PHASE_SERVER');
  });

  it('answers 504 when the phase server is too slow', async () => {
    const response = await viaGateway('slow', { token: await token() });
    for (const release of slowRequests.splice(0)) release(null);
    expect(response.status).toBe(504);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(((await response.json()) as { code: string }).code).toBe('CK_PHASE_SERVER_TIMEOUT');
  });

  it('answers 502 while the phase server is down, keeps the registry up, and recovers when it is back', async () => {
    const phaseToken = await token();
    await server?.close();
    server = null;
    const down = await viaGateway('whoami', { token: phaseToken });
    expect(down.status).toBe(502);
    expect(((await down.json()) as { code: string }).code).toBe('CK_PHASE_SERVER_UNREACHABLE');
    expect((await fetch(`${t.origin}/healthz`)).status).toBe(200);
    expect(
      (await t.as(STUDENT, { method: 'GET', url: `/api/courses/${t.courseId}/phases` })).statusCode,
    ).toBe(200);

    server = await startMatchingServer(t.origin, serverPort);
    expect((await viaGateway('whoami', { token: phaseToken })).status).toBe(200);
  });

  it('closes the gateway of a disabled course phase', async () => {
    const phaseToken = await token();
    const toggle = (enabled: boolean) =>
      t.as(LECTURER, {
        method: 'PATCH',
        url: `/api/courses/${t.courseId}/phases/${coursePhases.matching}`,
        headers: { 'if-match': '*' },
        payload: { enabled },
      });
    await toggle(false);
    const closed = await viaGateway('whoami', { token: phaseToken });
    expect(closed.status).toBe(403);
    expect(((await closed.json()) as { code: string }).code).toBe('CK_PHASE_DISABLED');
    await toggle(true);
    expect((await viaGateway('whoami', { token: phaseToken })).status).toBe(200);
  });
});
