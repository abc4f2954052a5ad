/**
 * OpenID Connect sign-in end to end: a real provider (`oidc-provider`, in-process on an ephemeral
 * port) and the real registry, with the browser's part played by `signInAtProvider`. The provider
 * redirects to the registry's public callback URL; the test carries that URL into `app.inject`,
 * so the registry opens no port. What a user would notice is asserted: they end up signed in with
 * the right name and rights, on the page they asked for, and every forged, replayed, expired or
 * refused sign-in fails with `CK_OIDC_FAILED` without signing anyone in.
 */

import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import type { AuthConfig, Me } from '@coursekit/phase-sdk/contract';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OIDC_STATE_COOKIE } from '../modules/auth/oidcRoutes.js';
import { safeReturnTo } from '../modules/auth/safeReturnTo.js';
import { SESSION_COOKIE } from '../modules/auth/sessionCookie.js';
import {
  type ProviderAccounts,
  signInAtProvider,
  startOidcProvider,
  type TestOidcProvider,
} from './support/oidcProvider.js';
import { createTestApp, type TestApp } from './support/testApp.js';
import { ENGINES, type Engine } from './support/testDb.js';

const PUBLIC_URL = 'https://coursekit.test';
const CALLBACK_URL = `${PUBLIC_URL}/api/auth/oidc/callback`;

const accounts = (): ProviderAccounts => ({
  ada: {
    email: 'Ada@Uni.Example',
    email_verified: true,
    name: 'Ada Lovelace',
    preferred_username: 'ada',
    groups: ['staff', 'coursekit-admins'],
  },
  sam: { email: 'sam@uni.example', email_verified: true, preferred_username: 'sam', groups: [] },
  nomail: { name: 'No Mail', groups: [] },
  unverified: { email: 'lecturer@coursekit.test', email_verified: false, name: 'Mallory' },
});

interface Harness {
  t: TestApp;
  provider: TestOidcProvider;
}

async function startHarness(
  engine: Engine,
  claimsIn: 'idToken' | 'userinfo' = 'idToken',
): Promise<Harness> {
  const provider = await startOidcProvider({
    redirectUri: CALLBACK_URL,
    accounts: accounts(),
    claimsIn,
  });
  const t = await createTestApp(engine, {
    AUTH_MODE: 'oidc',
    PUBLIC_URL,
    OIDC_ISSUER: provider.issuer,
    OIDC_CLIENT_ID: provider.clientId,
    OIDC_CLIENT_SECRET: provider.clientSecret,
  });
  return { t, provider };
}

/** `GET /api/auth/oidc/login`: where the registry sends the browser, and its state cookie. */
async function startSignIn(t: TestApp, returnTo?: string) {
  const query = returnTo === undefined ? '' : `?returnTo=${encodeURIComponent(returnTo)}`;
  const response = await t.app.inject({ method: 'GET', url: `/api/auth/oidc/login${query}` });
  expect(response.statusCode, response.body).toBe(302);
  const cookie = response.cookies.find((c) => c.name === OIDC_STATE_COOKIE);
  if (!cookie) throw new Error('The login answer set no state cookie.');
  return {
    authorizationUrl: String(response.headers.location),
    state: cookie.value,
    stateCookie: `${OIDC_STATE_COOKIE}=${cookie.value}`,
  };
}

/** The provider's redirect back, as the browser would request it. */
function callback(
  t: TestApp,
  url: URL,
  cookie: string | undefined,
  headers: Record<string, string> = {},
): Promise<LightMyRequestResponse> {
  return t.app.inject({
    method: 'GET',
    url: `${url.pathname}${url.search}`,
    headers: { ...(cookie ? { cookie } : {}), ...headers },
  });
}

/** The whole sign-in as a browser does it; returns the callback's answer and what led there. */
async function signIn({ t }: Harness, login: string, returnTo?: string) {
  const started = await startSignIn(t, returnTo);
  const callbackUrl = await signInAtProvider(started.authorizationUrl, login, CALLBACK_URL);
  const response = await callback(t, callbackUrl, started.stateCookie);
  return { ...started, callbackUrl, response };
}

function sessionOf(response: LightMyRequestResponse) {
  const cookie = response.cookies.find((c) => c.name === SESSION_COOKIE);
  if (!cookie)
    throw new Error(`No session cookie was set: ${response.statusCode} ${response.body}`);
  return cookie;
}

async function meWith(t: TestApp, response: LightMyRequestResponse): Promise<Me> {
  const me = await t.app.inject({
    method: 'GET',
    url: '/api/me',
    headers: { cookie: `${SESSION_COOKIE}=${sessionOf(response).value}` },
  });
  expect(me.statusCode, me.body).toBe(200);
  return me.json<Me>();
}

function problem(response: LightMyRequestResponse) {
  expect(response.headers['content-type']).toContain('application/problem+json');
  return response.json<{ status: number; code: string; detail: string }>();
}

function expectOidcFailure(response: LightMyRequestResponse, detail: RegExp) {
  expect(response.statusCode, response.body).toBe(401);
  expect(response.cookies.find((c) => c.name === SESSION_COOKIE)).toBeUndefined();
  const body = problem(response);
  expect(body.code).toBe('CK_OIDC_FAILED');
  expect(body.detail).toMatch(detail);
}

// Both engines: states are spent with DELETE … RETURNING, and only PostgreSQL runs two callbacks
// truly at once (the race test below).
describe.each(ENGINES)('OIDC sign-in against a real provider on %s', (engine) => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness(engine);
  });
  afterAll(async () => {
    await h?.t.close();
    await h?.provider.close();
  });

  it('signs the user in with a Lax, httpOnly, Secure session and goes back to returnTo', async () => {
    const { response } = await signIn(h, 'sam', '/courses/se-essentials?tab=phases');

    expect(response.statusCode, response.body).toBe(302);
    expect(response.headers.location).toBe('/courses/se-essentials?tab=phases');
    const cookie = sessionOf(response);
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', secure: true, path: '/' });
    const me = await meWith(h.t, response);
    expect(me.user).toMatchObject({ email: 'sam@uni.example', name: 'sam', isAdmin: false });
  });

  it('makes members of the admin group admins (and of the developer group developers), and stops when the provider drops them', async () => {
    const first = await signIn(h, 'ada');
    expect(first.response.headers.location).toBe('/');
    expect((await meWith(h.t, first.response)).user).toMatchObject({
      email: 'ada@uni.example',
      name: 'Ada Lovelace',
      isAdmin: true,
    });

    h.provider.accounts.ada = { ...h.provider.accounts.ada, groups: ['staff'] };
    const again = await signIn(h, 'ada');
    const me = await meWith(h.t, again.response);
    expect(me.user).toMatchObject({ email: 'ada@uni.example', isAdmin: false });
    expect(me.user.id).toBe((await meWith(h.t, first.response)).user.id);

    // The developer role comes from the same claim, by its own value.
    h.provider.accounts.ada = { ...h.provider.accounts.ada, groups: ['coursekit-developers'] };
    const developer = await meWith(h.t, (await signIn(h, 'ada')).response);
    expect(developer.user).toMatchObject({ isAdmin: false, isDeveloper: true });
  });

  it('reduces a returnTo on another site to /', async () => {
    for (const returnTo of ['https://evil.example/', '//evil.example/', '/\\evil.example']) {
      const { response } = await signIn(h, 'sam', returnTo);
      expect(response.statusCode, response.body).toBe(302);
      expect(response.headers.location).toBe('/');
    }
  });

  it('keeps a started sign-in in the database for ten minutes, where any replica finds it', async () => {
    // Ten minutes from the moment of the request, whenever the query below runs (a busy machine
    // may take seconds in between): bracketed by the clock before and after the request.
    const before = Date.now();
    const { state } = await startSignIn(h.t, '/admin');
    const after = Date.now();
    const [row] = await h.t.testDb.db.query<{ return_to: string; expires: number }>(
      `SELECT return_to, (extract(epoch FROM expires_at) * 1000)::float8 AS expires
       FROM oidc_logins WHERE state = $1`,
      [state],
    );
    expect(row?.return_to).toBe('/admin');
    expect(row?.expires).toBeGreaterThanOrEqual(before + 600_000 - 1);
    expect(row?.expires).toBeLessThanOrEqual(after + 600_000 + 1);
  });

  it('refuses a replayed callback: each state signs in once', async () => {
    const { response, callbackUrl, stateCookie } = await signIn(h, 'sam');
    expect(response.statusCode, response.body).toBe(302);

    expectOidcFailure(
      await callback(h.t, callbackUrl, stateCookie),
      /unknown or was already used; start the sign-in again/,
    );
  });

  it('refuses a tampered state', async () => {
    const started = await startSignIn(h.t);
    const callbackUrl = await signInAtProvider(started.authorizationUrl, 'sam', CALLBACK_URL);
    const tampered = new URL(callbackUrl);
    tampered.searchParams.set('state', `${started.state.slice(0, -1)}x`);

    expectOidcFailure(
      await callback(h.t, tampered, `${OIDC_STATE_COOKIE}=${tampered.searchParams.get('state')}`),
      /is unknown or was already used/,
    );
  });

  it('spends a state once even when two callbacks race for it', async () => {
    const started = await startSignIn(h.t);
    const callbackUrl = await signInAtProvider(started.authorizationUrl, 'sam', CALLBACK_URL);

    const answers = await Promise.all([
      callback(h.t, callbackUrl, started.stateCookie),
      callback(h.t, callbackUrl, started.stateCookie),
    ]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([302, 401]);
  });

  it('refuses a callback in a browser that did not start the sign-in (login CSRF)', async () => {
    const started = await startSignIn(h.t);
    const callbackUrl = await signInAtProvider(started.authorizationUrl, 'sam', CALLBACK_URL);

    expectOidcFailure(await callback(h.t, callbackUrl, undefined), /started in another browser/);
    // The attempt spent the state: the attacker cannot use it either.
    expectOidcFailure(await callback(h.t, callbackUrl, started.stateCookie), /already used/);
  });

  it('refuses a sign-in that took longer than ten minutes', async () => {
    const started = await startSignIn(h.t);
    await h.t.testDb.db.query(
      "UPDATE oidc_logins SET expires_at = now() - interval '1 second' WHERE state = $1",
      [started.state],
    );
    const callbackUrl = await signInAtProvider(started.authorizationUrl, 'sam', CALLBACK_URL);

    expectOidcFailure(
      await callback(h.t, callbackUrl, started.stateCookie),
      /took longer than 10 minutes and expired/,
    );
  });

  it("reports the provider's refusal", async () => {
    const started = await startSignIn(h.t);
    const refused = new URL(CALLBACK_URL);
    refused.search = new URLSearchParams({
      error: 'access_denied',
      error_description: 'End-User aborted interaction',
      state: started.state,
    }).toString();

    expectOidcFailure(
      await callback(h.t, refused, started.stateCookie),
      /refused the sign-in: access_denied \(End-User aborted interaction\)/,
    );
  });

  it('refuses a code the provider does not know', async () => {
    const started = await startSignIn(h.t);
    const callbackUrl = await signInAtProvider(started.authorizationUrl, 'sam', CALLBACK_URL);
    callbackUrl.searchParams.set('code', 'forged-code');

    expectOidcFailure(
      await callback(h.t, callbackUrl, started.stateCookie),
      /refused exchanging the authorization code: invalid_grant/,
    );
  });

  it('refuses an account without an email, and one whose email is not verified', async () => {
    expectOidcFailure((await signIn(h, 'nomail')).response, /no usable email claim \(got null\)/);
    expectOidcFailure(
      (await signIn(h, 'unverified')).response,
      /the email lecturer@coursekit.test is not verified/,
    );
  });

  it('sends a browser whose sign-in failed back to the sign-in page with the code', async () => {
    const started = await startSignIn(h.t);
    const callbackUrl = await signInAtProvider(started.authorizationUrl, 'sam', CALLBACK_URL);
    callbackUrl.searchParams.set('state', 'forged');

    const response = await callback(h.t, callbackUrl, started.stateCookie, {
      accept: 'text/html,application/xhtml+xml',
    });
    expect(response.statusCode).toBe(302);
    expect(response.headers.location).toBe('/sign-in?error=CK_OIDC_FAILED');
    expect(response.cookies.find((c) => c.name === SESSION_COOKIE)).toBeUndefined();
  });

  it('tells the host to offer OIDC sign-in, and refuses dev login', async () => {
    const config = await h.t.app.inject({ method: 'GET', url: '/api/auth/config' });
    expect(config.json<AuthConfig>()).toEqual({ mode: 'oidc', loginUrl: '/api/auth/oidc/login' });

    const devLogin = await h.t.app.inject({
      method: 'POST',
      url: '/api/auth/dev-login',
      headers: { 'x-coursekit-csrf': '1' },
      payload: { email: 'admin@coursekit.test' },
    });
    expect(devLogin.statusCode).toBe(404);
    expect(problem(devLogin).code).toBe('CK_DEV_LOGIN_DISABLED');
  });
});

// PGlite only below: these paths differ in what the provider does, not in any SQL.
describe('OIDC sign-in with a provider that sends profile claims from UserInfo only', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness('pglite', 'userinfo');
  });
  afterAll(async () => {
    await h?.t.close();
    await h?.provider.close();
  });

  it('reads email, name and groups from UserInfo', async () => {
    const { response } = await signIn(h, 'ada');
    expect(response.statusCode, response.body).toBe(302);
    expect((await meWith(h.t, response)).user).toMatchObject({
      email: 'ada@uni.example',
      name: 'Ada Lovelace',
      isAdmin: true,
    });
  });
});

/** A port nothing listens on (it was free a moment ago). */
async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('OIDC sign-in while the provider is down', () => {
  let t: TestApp;

  beforeAll(async () => {
    const port = await deadPort();
    t = await createTestApp('pglite', {
      AUTH_MODE: 'oidc',
      PUBLIC_URL,
      OIDC_ISSUER: `http://127.0.0.1:${port}`,
      OIDC_CLIENT_ID: 'coursekit',
    });
  });
  afterAll(async () => t?.close());

  it('answers 503 CK_UNAVAILABLE naming the issuer, or sends browsers to the sign-in page', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/auth/oidc/login' });
    expect(response.statusCode).toBe(503);
    const body = problem(response);
    expect(body.code).toBe('CK_UNAVAILABLE');
    expect(body.detail).toContain(`could not be discovered`);
    expect(body.detail).toContain(t.config.auth.mode === 'oidc' ? t.config.auth.oidc.issuer : '');

    const browser = await t.app.inject({
      method: 'GET',
      url: '/api/auth/oidc/login',
      headers: { accept: 'text/html' },
    });
    expect(browser.statusCode).toBe(302);
    expect(browser.headers.location).toBe('/sign-in?error=CK_UNAVAILABLE');
  });
});

describe('auth config in dev mode', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp('pglite');
  });
  afterAll(async () => t?.close());

  it('tells the host to offer dev login and has no OIDC routes', async () => {
    const config = await t.app.inject({ method: 'GET', url: '/api/auth/config' });
    expect(config.json<AuthConfig>()).toEqual({ mode: 'dev', loginUrl: null });
    const login = await t.app.inject({ method: 'GET', url: '/api/auth/oidc/login' });
    expect(login.statusCode).toBe(404);
  });
});

describe('safeReturnTo', () => {
  it.each([
    ['/courses?tab=1#top', '/courses?tab=1#top'],
    ['/', '/'],
    ['https://evil.example/', '/'],
    ['//evil.example/path', '/'],
    ['/\\evil.example', '/'],
    ['courses', '/'],
    ['/a\r\nSet-Cookie: x=1', '/'],
    [undefined, '/'],
    [`/${'a'.repeat(3000)}`, '/'],
  ])('%j becomes %j', (input, expected) => {
    expect(safeReturnTo(input)).toBe(expected);
  });
});
