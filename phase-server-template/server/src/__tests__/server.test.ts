/**
 * What the platform relies on besides the feature routes: tokens are required and checked
 * (signature, audience, expiry), health checks and the OpenAPI document are public, browsers on
 * the configured host origin pass CORS, unknown routes and bad configuration explain themselves.
 */
import { PROBLEM_CONTENT_TYPE } from '@coursekit/phase-sdk/contract';
import { findUnguardedFields } from '@coursekit/phase-sdk/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as contract from '../../../shared/contract.js';
import { loadConfig } from '../config.js';
import { createTestServer, HOST_ORIGIN, type TestServer } from './support/testServer.js';

describe('phase server', () => {
  let t: TestServer;

  beforeAll(async () => {
    // PostgreSQL here (a throwaway database is made in milliseconds); notes.test.ts covers PGlite.
    t = await createTestServer('postgres');
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
    const response = await t.app.inject({ url: '/notes' });
    expect(response.statusCode).toBe(401);
    expect(response.headers['content-type']).toContain(PROBLEM_CONTENT_TYPE);
    expect(response.json()).toMatchObject({ code: 'CK_TOKEN_MISSING' });
  });

  it.each([
    ['a forged signature', { forged: true }, 401, 'CK_TOKEN_INVALID'],
    ['another phase', { audience: 'phase:someone-else' }, 403, 'CK_TOKEN_WRONG_AUDIENCE'],
    ['an expired token', { expiresInSeconds: -60 }, 401, 'CK_TOKEN_EXPIRED'],
  ] as const)('refuses %s', async (_name, token, status, code) => {
    const response = await t.as(token, { method: 'GET', url: '/notes' });
    expect(response.statusCode).toBe(status);
    expect(response.json()).toMatchObject({ code });
  });

  it('publishes an OpenAPI document of the contract with the bearer scheme', async () => {
    const response = await t.app.inject({ url: '/openapi.json' });
    expect(response.statusCode).toBe(200);
    const doc = response.json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/notes', '/notes/{noteId}', '/healthz']),
    );
    expect(doc.paths['/notes'].post.requestBody.content['application/json'].schema).toMatchObject({
      properties: { text: { type: 'string', maxLength: 500 } },
    });
    expect(doc.components.securitySchemes.phaseToken).toMatchObject({ scheme: 'bearer' });
  });

  it('answers a CORS preflight from the host origin without a token, and no other origin', async () => {
    const preflight = (origin: string) =>
      t.app.inject({
        method: 'OPTIONS',
        url: '/notes',
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

  it('builds every text field of the contract from storableText() (no NUL or lone surrogate reaches PostgreSQL)', () => {
    expect(findUnguardedFields(contract)).toEqual([]);
  });

  it('regression: refuses a body over the limit with 413 problem+json, without closing the connection', async () => {
    // A close while the caller still sends the body resets the connection, and the core's gateway
    // then lost the 413 and answered 502.
    const response = await t.as(
      {},
      {
        method: 'POST',
        url: '/notes',
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ text: 'x'.repeat(200_000) }),
      },
    );
    expect(response.statusCode).toBe(413);
    expect(response.headers['content-type']).toContain(PROBLEM_CONTENT_TYPE);
    expect(response.json().code).toBe('CK_PAYLOAD_TOO_LARGE');
    expect(response.headers.connection).not.toBe('close');
  });

  it('answers an unknown route with a problem that points to the OpenAPI document', async () => {
    const response = await t.as({}, { method: 'GET', url: '/nope' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ code: 'CK_ROUTE_NOT_FOUND' });
    expect(response.json().detail).toContain('/openapi.json');
  });

  it("regression: does not take the registry's PORT and HOST (npm start sets both for the registry)", () => {
    const config = loadConfig({ PORT: '4001', HOST: '0.0.0.0' });
    expect(config.port).toBe(loadConfig({}).port);
    expect(config.host).toBe('localhost');
    expect(loadConfig({ PHASE_SERVER_PORT: '4103', PHASE_SERVER_HOST: '127.0.0.1' })).toMatchObject(
      { port: 4103, host: '127.0.0.1' },
    );
  });

  it('refuses bad configuration, naming the variable and the value', () => {
    expect(() => loadConfig({ PHASE_SERVER_PORT: 'eighty' })).toThrow(
      /PHASE_SERVER_PORT: .*"eighty"/,
    );
    expect(() => loadConfig({ CORS_ORIGINS: 'not a url' })).toThrow(/CORS_ORIGINS: "not a url"/);
    expect(loadConfig({ CORE_URL: 'http://core.test:4000/' }).corsOrigins).toEqual([
      'http://core.test:4000',
    ]);
  });
});
