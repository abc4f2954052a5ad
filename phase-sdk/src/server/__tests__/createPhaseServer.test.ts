/**
 * The phase-server kit as a phase relies on it: every route but the public ones needs a valid phase
 * token; `serveRoute` serves the contract (schemas, roles, status) and checks answers against it;
 * health checks, OpenAPI and CORS work without a token; every failure is problem+json; migrations
 * land in the phase's schema on both engines; the configuration explains itself; `start` listens
 * and stops gracefully.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROBLEM_CONTENT_TYPE } from '../../contract/index.js';
import { createPhaseServer } from '../index.js';
import {
  createTestDb,
  createTestPhaseServer,
  ENGINES,
  findSecurityHeaderProblems,
  HOST_ORIGIN,
  type TestDb,
  type TestPhaseServer,
} from '../testing/index.js';
import { server } from './fixture/server.js';

describe.each(ENGINES)('a phase server on %s', (engine) => {
  let t: TestPhaseServer;

  beforeAll(async () => {
    t = await createTestPhaseServer(server, { engine });
  });
  afterAll(async () => {
    await t?.close();
  });

  it("applies the phase's migrations in its own schema", async () => {
    const rows = await t.testDb.db.query<{ version: string }>(
      'SELECT version FROM kit_fixture.schema_migrations',
    );
    expect(rows.map((row) => row.version)).toEqual(['0001_init.sql']);
  });

  it('serves the contract: validated query, the caller, a creation answered 201', async () => {
    const created = await t.as({}, { method: 'POST', url: '/greetings', payload: { text: 'Hi' } });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ text: 'Hi' });
    await t.as({}, { method: 'POST', url: '/greetings', payload: { text: 'Hello' } });

    const listed = await t.as(
      { userId: '00000000-0000-4000-8000-00000000000a' },
      { method: 'GET', url: '/greetings?startsWith=He' },
    );
    expect(listed.json()).toEqual({
      greetings: [{ id: expect.any(Number), text: 'Hello' }],
      caller: '00000000-0000-4000-8000-00000000000a',
    });
  });

  it('refuses an invalid body, naming the field', async () => {
    const response = await t.as({}, { method: 'POST', url: '/greetings', payload: { text: '' } });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain(PROBLEM_CONTENT_TYPE);
    expect(response.json()).toMatchObject({ code: 'CK_VALIDATION' });
    expect(response.json().errors[0].path).toBe('body.text');
  });

  it("enforces the contract's roles and answers 204 with no body", async () => {
    const byStudent = await t.as({ role: 'student' }, { method: 'DELETE', url: '/greetings/1' });
    expect(byStudent.statusCode).toBe(403);
    expect(byStudent.json()).toMatchObject({ code: 'CK_TOKEN_WRONG_ROLE' });
    const byLecturer = await t.as({ role: 'lecturer' }, { method: 'DELETE', url: '/greetings/1' });
    expect(byLecturer.statusCode).toBe(204);
    expect(byLecturer.body).toBe('');
  });

  it('never sends an answer that breaks the contract: a generic 500 instead', async () => {
    const response = await t.as({}, { method: 'GET', url: '/broken' });
    expect(response.statusCode).toBe(500);
    expect(response.json()).toMatchObject({ code: 'CK_INTERNAL' });
    expect(response.body).not.toContain('one');
  });
});

describe('the platform around the routes', () => {
  let t: TestPhaseServer;

  beforeAll(async () => {
    // PostgreSQL here (a throwaway database is made in milliseconds); PGlite is covered above.
    t = await createTestPhaseServer(server, { engine: 'postgres' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers health and readiness without a token', async () => {
    expect((await t.app.inject({ url: '/healthz' })).json()).toEqual({ status: 'ok' });
    const ready = await t.app.inject({ url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ok', checks: { database: 'ok', startup: 'ok' } });
  });

  it('refuses a request without a token, saying how to send one', async () => {
    const response = await t.app.inject({ url: '/greetings' });
    expect(response.statusCode).toBe(401);
    expect(response.headers['content-type']).toContain(PROBLEM_CONTENT_TYPE);
    expect(response.json()).toMatchObject({ code: 'CK_TOKEN_MISSING' });
  });

  it.each([
    ['a forged signature', { forged: true }, 401, 'CK_TOKEN_INVALID'],
    ['another phase', { audience: 'phase:someone-else' }, 403, 'CK_TOKEN_WRONG_AUDIENCE'],
    ['an expired token', { expiresInSeconds: -60 }, 401, 'CK_TOKEN_EXPIRED'],
  ] as const)('refuses %s', async (_name, token, status, code) => {
    const response = await t.as(token, { method: 'GET', url: '/greetings' });
    expect(response.statusCode).toBe(status);
    expect(response.json()).toMatchObject({ code });
  });

  it('publishes an OpenAPI document of the contract with the bearer scheme', async () => {
    const response = await t.app.inject({ url: '/openapi.json' });
    expect(response.statusCode).toBe(200);
    const doc = response.json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/greetings', '/greetings/{id}', '/healthz', '/readyz']),
    );
    expect(Object.keys(doc.paths['/greetings'].post.responses)).toContain('201');
    expect(Object.keys(doc.paths['/greetings/{id}'].delete.responses)).toContain('204');
    expect(doc.paths['/greetings'].get.tags).toEqual(['greetings']);
    expect(doc.components.securitySchemes.phaseToken).toMatchObject({ scheme: 'bearer' });
  });

  it('answers a CORS preflight from the host origin without a token, and no other origin', async () => {
    const preflight = (origin: string) =>
      t.app.inject({
        method: 'OPTIONS',
        url: '/greetings',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization,content-type',
        },
      });
    const allowed = await preflight(HOST_ORIGIN);
    expect(allowed.statusCode).toBe(204);
    expect(allowed.headers['access-control-allow-origin']).toBe(HOST_ORIGIN);
    expect(String(allowed.headers['access-control-allow-headers'])).toContain('authorization');
    const other = await preflight('https://evil.test');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('regression: sends security headers on every answer, not only on problems', async () => {
    const answers = await Promise.all([
      t.app.inject({ url: '/healthz' }),
      t.app.inject({ url: '/openapi.json' }),
      t.as({}, { method: 'GET', url: '/greetings' }),
      t.app.inject({ url: '/greetings' }),
      t.as({}, { method: 'GET', url: '/nope' }),
      t.app.inject({
        method: 'OPTIONS',
        url: '/greetings',
        headers: { origin: HOST_ORIGIN, 'access-control-request-method': 'GET' },
      }),
    ]);
    expect(answers.map((answer) => answer.statusCode)).toEqual([200, 200, 200, 401, 404, 204]);
    for (const answer of answers) {
      expect(answer.headers['x-content-type-options'], answer.body).toBe('nosniff');
      expect(answer.headers['content-security-policy']).toBe(
        "default-src 'none';frame-ancestors 'none'",
      );
      expect(answer.headers['x-frame-options']).toBe('DENY');
      expect(answer.headers['cross-origin-resource-policy']).toBe('same-origin');
      expect(answer.headers['x-powered-by']).toBeUndefined();
      expect(answer.headers['strict-transport-security']).toBeUndefined();
    }
    expect(findSecurityHeaderProblems(answers)).toEqual([]);
  });

  it('answers an unknown route with a problem that points to the OpenAPI document', async () => {
    const response = await t.as({}, { method: 'GET', url: '/nope?x=1' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ code: 'CK_ROUTE_NOT_FOUND', instance: '/nope' });
    expect(response.json().detail).toContain('/openapi.json');
  });

  it('answers malformed JSON and non-JSON bodies with their own codes', async () => {
    const malformed = await t.as(
      {},
      {
        method: 'POST',
        url: '/greetings',
        headers: { 'content-type': 'application/json' },
        payload: '{"text":',
      },
    );
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json()).toMatchObject({ code: 'CK_MALFORMED_JSON' });
    const text = await t.as(
      {},
      {
        method: 'POST',
        url: '/greetings',
        headers: { 'content-type': 'text/plain' },
        payload: 'hello',
      },
    );
    expect(text.statusCode).toBe(415);
    expect(text.json()).toMatchObject({ code: 'CK_UNSUPPORTED_MEDIA_TYPE' });
  });

  it('regression: refuses a body over the limit with 413 problem+json, without closing the connection', async () => {
    // A close while the caller still sends the body resets the connection, and the core's gateway
    // then lost the 413 and answered 502.
    const response = await t.as(
      {},
      {
        method: 'POST',
        url: '/greetings',
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ text: 'x'.repeat(200_000) }),
      },
    );
    expect(response.statusCode).toBe(413);
    expect(response.headers['content-type']).toContain(PROBLEM_CONTENT_TYPE);
    expect(response.json().code).toBe('CK_PAYLOAD_TOO_LARGE');
    expect(response.headers.connection).not.toBe('close');
  });

  it("carries the caller's request id, or makes one", async () => {
    const given = await t.app.inject({ url: '/healthz', headers: { 'x-request-id': 'req-42' } });
    expect(given.headers['x-request-id']).toBe('req-42');
    const made = await t.app.inject({ url: '/healthz' });
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('configuration', () => {
  it('refuses bad configuration in one error naming each variable and value', () => {
    expect(() => server.loadConfig({ PHASE_SERVER_PORT: 'eighty', LOG_LEVEL: 'loud' })).toThrow(
      /PHASE_SERVER_PORT: .*"eighty"[\s\S]*LOG_LEVEL: .*"loud"/,
    );
    expect(() => server.loadConfig({ CORS_ORIGINS: 'not a url' })).toThrow(
      /CORS_ORIGINS: "not a url"/,
    );
  });

  it("regression: does not take the registry's PORT and HOST (npm start sets both for the registry)", () => {
    const config = server.loadConfig({ PORT: '4001', HOST: '0.0.0.0' });
    expect(config).toMatchObject({ port: 4480, host: 'localhost' });
    expect(
      server.loadConfig({ PHASE_SERVER_PORT: '4103', PHASE_SERVER_HOST: '127.0.0.1' }),
    ).toMatchObject({ port: 4103, host: '127.0.0.1' });
  });

  it("defaults to the phase's port, the core on localhost:4000 and PGlite under .coursekit", () => {
    const config = server.loadConfig({});
    expect(config).toMatchObject({
      phase: 'kit-fixture',
      port: 4480,
      coreUrl: 'http://localhost:4000',
      corsOrigins: ['http://localhost:4000'],
    });
    expect(config.dataDir).toMatch(/\.coursekit[/\\]phases[/\\]kit-fixture$/);
    expect(server.loadConfig({ CORE_URL: 'http://core.test:4000/' }).corsOrigins).toEqual([
      'http://core.test:4000',
    ]);
    expect(server.loadConfig({ DATABASE_URL: 'postgres://db/x' }).dataDir).toBeUndefined();
  });

  it('takes the core named by the server entry (a scaffolded --core-url) unless CORE_URL says otherwise', () => {
    const elsewhere = createPhaseServer({
      entry: new URL('./fixture/server.ts', import.meta.url).href,
      port: 4480,
      coreUrl: 'https://coursekit.example.com/',
      modules: [],
    });
    expect(elsewhere.loadConfig({})).toMatchObject({
      coreUrl: 'https://coursekit.example.com',
      corsOrigins: ['https://coursekit.example.com'],
    });
    expect(elsewhere.loadConfig({ CORE_URL: 'http://core.test' }).coreUrl).toBe('http://core.test');
    expect(() =>
      createPhaseServer({
        entry: new URL('./fixture/server.ts', import.meta.url).href,
        port: 1,
        coreUrl: 'core',
        modules: [],
      }).loadConfig({}),
    ).toThrow(/is not an http\(s\) URL/);
  });
});

describe('observability', () => {
  let t: TestPhaseServer;
  beforeAll(async () => {
    t = await createTestPhaseServer(server, {
      engine: 'pglite',
      env: { METRICS_TOKEN: 'metrics-secret', LOG_LEVEL: 'silent' },
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('serves Prometheus metrics per route pattern, only with the METRICS_TOKEN', async () => {
    await t.as({}, { method: 'GET', url: '/greetings' });
    const refused = await t.app.inject({ url: '/metrics' });
    expect(refused.statusCode).toBe(401);
    expect(refused.json()).toMatchObject({ code: 'CK_UNAUTHENTICATED' });
    const metrics = await t.app.inject({
      url: '/metrics',
      headers: { authorization: 'Bearer metrics-secret' },
    });
    expect(metrics.statusCode).toBe(200);
    const counted = metrics.body
      .split('\n')
      .filter((line) => line.startsWith('coursekit_http_request_duration_seconds_count{'));
    expect(counted).toContainEqual(
      expect.stringMatching(
        /^(?=.*route="\/greetings")(?=.*status_code="200")(?=.*service="phase-kit-fixture").* 1$/,
      ),
    );
    expect(metrics.body).toContain('process_cpu_seconds_total');
  });

  it('believes forwarded headers only from the proxies TRUST_PROXY names; logs as LOG_FORMAT says', () => {
    expect(server.loadConfig({})).toMatchObject({ trustProxy: false, logFormat: 'json' });
    expect(server.loadConfig({ TRUST_PROXY: '10.0.0.0/8, loopback' }).trustProxy).toBe(
      '10.0.0.0/8,loopback',
    );
    expect(server.loadConfig({ LOG_FORMAT: 'pretty' }).logFormat).toBe('pretty');
    expect(() => server.loadConfig({ LOG_FORMAT: 'xml', TRUST_PROXY: 'a b' })).toThrow(
      /LOG_FORMAT[\s\S]*TRUST_PROXY/,
    );
  });
});

describe('start', () => {
  let testDb: TestDb;
  beforeAll(async () => {
    testDb = await createTestDb('postgres');
  });
  afterAll(async () => {
    await testDb?.drop();
  });

  it('listens, reports ready, and stops gracefully', async () => {
    const running = await server.start({
      PHASE_SERVER_PORT: '0',
      PHASE_SERVER_HOST: '127.0.0.1',
      DATABASE_URL: testDb.url,
      LOG_LEVEL: 'silent',
    });
    const address = running.app.server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
    expect(await ready.json()).toMatchObject({ status: 'ok' });
    await running.stop();
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
    await expect(running.db.query('SELECT 1')).rejects.toThrow();
  });
});
