/**
 * Sessions: the cookie's flags, logout, expiry, rotation with a grace period for requests already
 * in flight, the absolute limit since sign-in, and the CSRF guard on changing requests.
 */
import { CSRF_HEADER } from '@coursekit/phase-sdk/client';
import { afterEach, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../modules/auth/sessionCookie.js';
import { createTestApp, type TestApp } from './support/testApp.js';

const STUDENT = 'student1@coursekit.test';
let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

async function signIn(app: TestApp, email = STUDENT) {
  const response = await app.app.inject({
    method: 'POST',
    url: '/api/auth/dev-login',
    headers: { [CSRF_HEADER]: '1' },
    payload: { email },
  });
  const cookie = response.cookies.find((c) => c.name === SESSION_COOKIE);
  if (!cookie) throw new Error('no session cookie');
  return { cookie, header: `${SESSION_COOKIE}=${cookie.value}` };
}
const me = (app: TestApp, header: string) =>
  app.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: header } });

// Each test starts its own registry (PGlite start-up is seconds on a busy machine).
describe('sessions', { timeout: 60_000 }, () => {
  it('sets an opaque httpOnly, SameSite=Lax cookie, Secure when served over https', async () => {
    t = await createTestApp('pglite');
    const { cookie } = await signIn(t);
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie.secure).toBeFalsy();
    expect(cookie.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    await t.close();

    t = await createTestApp('pglite', { PUBLIC_URL: 'https://coursekit.example' });
    expect((await signIn(t)).cookie.secure).toBe(true);
  });

  it('ends the session on logout, for every later request', async () => {
    t = await createTestApp('pglite');
    const { header } = await signIn(t);
    expect((await me(t, header)).statusCode).toBe(200);
    const out = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: header, [CSRF_HEADER]: '1' },
    });
    expect(out.statusCode).toBe(204);
    expect(out.cookies.find((c) => c.name === SESSION_COOKIE)?.value).toBe('');
    expect((await me(t, header)).statusCode).toBe(401);
  });

  it('expires a session after its time to live', async () => {
    t = await createTestApp('pglite', { SESSION_TTL_HOURS: '0.0003' }); // about one second
    const { header } = await signIn(t);
    expect((await me(t, header)).statusCode).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1_300));
    expect((await me(t, header)).statusCode).toBe(401);
  });

  it('rotates the cookie after a while; the old one keeps working briefly for requests in flight', async () => {
    t = await createTestApp('pglite', { SESSION_ROTATE_MINUTES: '0.001' }); // 60 ms
    const { header } = await signIn(t);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const rotated = await me(t, header);
    expect(rotated.statusCode).toBe(200);
    const fresh = rotated.cookies.find((c) => c.name === SESSION_COOKIE);
    expect(fresh?.value).toBeTruthy();
    expect(fresh?.value).not.toBe(header.split('=')[1]);
    // The replaced cookie is still accepted during the grace period, without rotating again.
    const inFlight = await me(t, header);
    expect(inFlight.statusCode).toBe(200);
    expect(inFlight.cookies.find((c) => c.name === SESSION_COOKIE)).toBeUndefined();
    expect((await me(t, `${SESSION_COOKIE}=${fresh?.value}`)).statusCode).toBe(200);
  });

  it('removes expired sessions from the database when someone signs in', async () => {
    t = await createTestApp('pglite', { SESSION_TTL_HOURS: '0.0003' });
    await signIn(t);
    await new Promise((resolve) => setTimeout(resolve, 1_300));
    await signIn(t, 'student2@coursekit.test');
    const rows = await t.testDb.db.query<{ n: number }>('SELECT count(*)::int AS n FROM sessions');
    expect(rows[0]?.n).toBe(1);
  });

  it('ends a session at the absolute limit since sign-in, whatever the rotations', async () => {
    t = await createTestApp('pglite', { SESSION_MAX_AGE_HOURS: '0.0003' });
    const { header } = await signIn(t);
    await new Promise((resolve) => setTimeout(resolve, 1_300));
    expect((await me(t, header)).statusCode).toBe(401);
  });

  it('refuses changing requests without the CSRF header or from another origin', async () => {
    t = await createTestApp('pglite');
    const { header } = await signIn(t);
    const change = (headers: Record<string, string>) =>
      t?.app.inject({
        method: 'POST',
        url: '/api/auth/logout',
        headers: { cookie: header, ...headers },
      });
    const missing = await change({});
    expect(missing?.statusCode).toBe(403);
    expect(missing?.json().code).toBe('CK_CSRF');
    const crossSite = await change({ [CSRF_HEADER]: '1', origin: 'https://evil.example' });
    expect(crossSite?.statusCode).toBe(403);
    expect((await me(t, header)).statusCode).toBe(200);
    const sameOrigin = await change({ [CSRF_HEADER]: '1', origin: t.config.publicUrl });
    expect(sameOrigin?.statusCode).toBe(204);
  });
});
