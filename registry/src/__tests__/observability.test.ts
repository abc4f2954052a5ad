/**
 * Observability over real HTTP: `/metrics` in Prometheus' text format (request latency per route,
 * phase tokens, gateway upstream errors, the PostgreSQL pool), guarded by `METRICS_TOKEN` when set,
 * and request ids that travel from the caller through the gateway to the phase server.
 */
import type { PhaseToken } from '@coursekit/phase-sdk/contract';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { phaseBuild, startPhaseBuildServer } from './support/phaseBuildServer.js';
import { createTestApp, freePort, type TestApp } from './support/testApp.js';
import { ENGINES } from './support/testDb.js';

const ADMIN = 'admin@coursekit.test';
const STUDENT = 'student1@coursekit.test';
const METRICS_TOKEN = 'scrape-me';

/** The value of one sample line of a Prometheus text answer, or undefined when absent. */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`)) continue;
    const inner = line.slice(name.length + 1, line.lastIndexOf('}'));
    if (Object.entries(labels).every(([key, value]) => inner.includes(`${key}="${value}"`)))
      return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return undefined;
}

describe.each(ENGINES)('observability on %s', (engine) => {
  let t: TestApp;
  let phaseServer: FastifyInstance;
  let serverPort: number;
  let coursePhaseId: string;
  const seenRequestIds: string[] = [];
  let close: () => Promise<void>;

  beforeAll(async () => {
    const builds = await startPhaseBuildServer();
    [t, serverPort] = await Promise.all([
      createTestApp(engine, { METRICS_TOKEN }, { listen: true }),
      freePort(),
    ]);
    builds.publish(
      '/matching/1.0.0',
      phaseBuild('matching', '1.0.0', { descriptor: { kind: 'client-and-server' } }),
    );
    await t.as(ADMIN, {
      method: 'POST',
      url: '/api/phase-types',
      payload: { name: 'matching', title: 'Matching', kind: 'client-and-server' },
    });
    const version = await t.as(ADMIN, {
      method: 'POST',
      url: '/api/phase-types/matching/versions',
      payload: {
        descriptorUrl: `${builds.origin}/matching/1.0.0/phase.json`,
        serverUrl: `http://127.0.0.1:${serverPort}`,
      },
    });
    expect(version.statusCode).toBe(201);
    coursePhaseId = (
      await t.as(ADMIN, {
        method: 'POST',
        url: `/api/courses/${t.courseId}/phases`,
        headers: { 'if-match': '*' },
        payload: { phase: 'matching', title: 'Matching' },
      })
    ).json().id;
    phaseServer = Fastify();
    phaseServer.get('/ping', async (request) => {
      seenRequestIds.push(String(request.headers['x-request-id']));
      return { pong: true };
    });
    await phaseServer.listen({ port: serverPort, host: '127.0.0.1' });
    close = async () => {
      await Promise.all([phaseServer.close(), builds.close()]);
      await t.close();
    };
  });
  afterAll(async () => close?.());

  const metrics = async () => {
    const response = await fetch(`${t.origin}/metrics`, {
      headers: { authorization: `Bearer ${METRICS_TOKEN}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    return response.text();
  };
  const token = async () =>
    (
      (
        await t.as(STUDENT, { method: 'POST', url: `/api/course-phases/${coursePhaseId}/token` })
      ).json() as PhaseToken
    ).token;

  it('refuses /metrics without the configured bearer token, as problem+json', async () => {
    for (const authorization of [undefined, 'Bearer wrong', `Bearer ${METRICS_TOKEN}x`]) {
      const response = await fetch(`${t.origin}/metrics`, {
        headers: authorization ? { authorization } : {},
      });
      expect(response.status).toBe(401);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
    }
  });

  it('counts requests per route pattern, never per raw path', async () => {
    const before = sample(await metrics(), 'coursekit_http_request_duration_seconds_count', {
      route: '/api/courses/:courseId/phases',
      status_code: '200',
    });
    const response = await t.as(STUDENT, {
      method: 'GET',
      url: `/api/courses/${t.courseId}/phases`,
    });
    expect(response.statusCode).toBe(200);
    await fetch(`${t.origin}/api/no-such-route-${Math.random()}`);
    const text = await metrics();
    expect(
      sample(text, 'coursekit_http_request_duration_seconds_count', {
        route: '/api/courses/:courseId/phases',
        status_code: '200',
      }),
    ).toBe((before ?? 0) + 1);
    expect(text).not.toContain('no-such-route');
    expect(text).toContain('process_cpu_seconds_total');
  });

  it('counts issued phase tokens', async () => {
    const count = () =>
      metrics().then((text) => sample(`${text}`, 'coursekit_phase_tokens_issued_total', {}) ?? 0);
    const before = await count();
    await token();
    await token();
    expect(await count()).toBe(before + 2);
  });

  it('passes the caller’s request id through the gateway to the phase server and back', async () => {
    const response = await fetch(`${t.origin}/phase-api/matching/ping`, {
      headers: { authorization: `Bearer ${await token()}`, 'x-request-id': 'trace-abc.123' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toBe('trace-abc.123');
    expect(seenRequestIds.at(-1)).toBe('trace-abc.123');

    // An id that is not a plain token (log injection, megabytes) is replaced by a fresh one.
    const forged = await fetch(`${t.origin}/phase-api/matching/ping`, {
      headers: { authorization: `Bearer ${await token()}`, 'x-request-id': 'a b\tc'.repeat(60) },
    });
    const fresh = forged.headers.get('x-request-id');
    expect(fresh).toMatch(/^[0-9a-f-]{36}$/);
    expect(seenRequestIds.at(-1)).toBe(fresh);
  });

  it('counts gateway upstream errors per phase when the phase server is down', async () => {
    const errors = () =>
      metrics().then(
        (text) =>
          sample(text, 'coursekit_gateway_upstream_errors_total', {
            phase: 'matching',
            status_code: '502',
          }) ?? 0,
      );
    const before = await errors();
    await phaseServer.close();
    const response = await fetch(`${t.origin}/phase-api/matching/ping`, {
      headers: { authorization: `Bearer ${await token()}` },
    });
    expect(response.status).toBe(502);
    expect(await errors()).toBe(before + 1);
  });

  it('reports the PostgreSQL pool, and no pool on PGlite', async () => {
    const total = sample(await metrics(), 'coursekit_db_pool_connections', { state: 'total' });
    if (engine === 'postgres') expect(total).toBeGreaterThan(0);
    else expect(total).toBeUndefined();
  });
});
