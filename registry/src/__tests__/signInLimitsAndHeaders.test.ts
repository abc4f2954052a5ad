/**
 * Sign-in attempts are rate-limited per client address (dev login, OIDC login and callback), with
 * 429 problem+json and Retry-After; forwarded addresses count only from proxies named in
 * TRUST_PROXY. Every answer carries `nosniff` and `frame-ancestors 'self'`.
 */
import { CSRF_HEADER } from '@coursekit/phase-sdk/client';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/testApp.js';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const devLogin = (app: TestApp, headers: Record<string, string> = {}) =>
  app.app.inject({
    method: 'POST',
    url: '/api/auth/dev-login',
    headers: { [CSRF_HEADER]: '1', ...headers },
    payload: { email: 'nobody@coursekit.test' },
  });

describe('sign-in rate limit', { timeout: 120_000 }, () => {
  it('answers 429 CK_RATE_LIMITED with Retry-After once a client exceeds SIGN_IN_RATE_LIMIT', async () => {
    t = await createTestApp('pglite', { SIGN_IN_RATE_LIMIT: '3' });
    for (let i = 0; i < 3; i++) expect((await devLogin(t)).statusCode).toBe(401);
    const limited = await devLogin(t);
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['content-type']).toContain('application/problem+json');
    expect(limited.json()).toMatchObject({ status: 429, code: 'CK_RATE_LIMITED' });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // X-Forwarded-For is the client's own claim without TRUST_PROXY: it changes nothing.
    expect((await devLogin(t, { 'x-forwarded-for': '203.0.113.7' })).statusCode).toBe(429);
  });

  it('counts each forwarded client apart when TRUST_PROXY names the proxy', async () => {
    t = await createTestApp('pglite', { SIGN_IN_RATE_LIMIT: '2', TRUST_PROXY: 'loopback' });
    const from = (address: string) => devLogin(t as TestApp, { 'x-forwarded-for': address });
    expect((await from('203.0.113.7')).statusCode).toBe(401);
    expect((await from('203.0.113.7')).statusCode).toBe(401);
    expect((await from('203.0.113.7')).statusCode).toBe(429);
    expect((await from('198.51.100.4')).statusCode).toBe(401);
  });

  it('limits the OpenID Connect login start and callback', async () => {
    t = await createTestApp('pglite', {
      SIGN_IN_RATE_LIMIT: '2',
      AUTH_MODE: 'oidc',
      OIDC_ISSUER: 'http://127.0.0.1:9/',
      OIDC_CLIENT_ID: 'coursekit',
    });
    for (const url of ['/api/auth/oidc/login', '/api/auth/oidc/callback?code=x&state=y']) {
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await t.app.inject({ url })).statusCode);
      expect(statuses[2], url).toBe(429);
      expect(statuses.slice(0, 2), url).not.toContain(429);
    }
  });
});

describe('security headers', { timeout: 120_000 }, () => {
  it('sends nosniff and frame-ancestors on every kind of answer', async () => {
    t = await createTestApp('pglite');
    const answers = await Promise.all([
      t.app.inject({ url: '/api/me' }),
      t.app.inject({ url: '/api/auth/config' }),
      t.app.inject({ url: '/.well-known/jwks.json' }),
      t.app.inject({ url: '/healthz' }),
      t.app.inject({ url: '/no/such/route' }),
      t.app.inject({ url: '/remotes/none/1.0.0/remoteEntry.js' }),
      t.app.inject({ url: '/phase-api/matching/anything' }),
      t.app.inject({ method: 'POST', url: '/api/courses', payload: {} }),
    ]);
    for (const answer of answers) {
      expect(answer.headers['x-content-type-options'], answer.body).toBe('nosniff');
      expect(answer.headers['content-security-policy']).toContain("frame-ancestors 'self'");
      expect(answer.headers['cross-origin-resource-policy']).toBe('cross-origin');
    }
  });
});
