/**
 * Sessions: the cookie's flags, logout, expiry, rotation with a grace period for requests already
 * in flight, the absolute limit since sign-in, and the CSRF guard on changing requests.
 *
 * Time passes by moving every session's timestamps back (`passTime`), never by sleeping: the
 * registry compares them with the database's and the process's clocks, which a busy machine
 * cannot make pass any faster or slower, so the tests hold whatever the load. One registry per
 * file (PGlite start-up is seconds on a busy machine), plus one served over https for the flag.
 */
import { CSRF_HEADER } from '@coursekit/phase-sdk/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSIONS_TOPIC } from '../modules/auth/SessionService.js';
import { SESSION_COOKIE } from '../modules/auth/sessionCookie.js';
import { createTestApp, type TestApp } from './support/testApp.js';

const STUDENT = 'student1@coursekit.test';
const HOUR = 3_600_000;
let t: TestApp;
let https: TestApp;
beforeAll(async () => {
  [t, https] = await Promise.all([
    createTestApp('pglite'),
    createTestApp('pglite', { PUBLIC_URL: 'https://coursekit.example' }),
  ]);
});
afterAll(async () => {
  await Promise.all([t?.close(), https?.close()]);
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
const freshCookie = (response: Awaited<ReturnType<typeof me>>) =>
  response.cookies.find((c) => c.name === SESSION_COOKIE)?.value;

/**
 * As if `ms` had passed for every session: sign-in, creation and expiry move back together. The
 * rows change behind the registry's back, so its session cache is told, as any change would be.
 */
async function passTime(app: TestApp, ms: number) {
  await app.testDb.db.query(
    `UPDATE sessions SET created_at = created_at - $1::interval,
       expires_at = expires_at - $1::interval, authenticated_at = authenticated_at - $1::interval`,
    [`${ms} milliseconds`],
  );
  await app.app.changes.publish(SESSIONS_TOPIC);
}

describe('sessions', () => {
  it('sets an opaque httpOnly, SameSite=Lax cookie, Secure when served over https', async () => {
    const { cookie } = await signIn(t);
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie.secure).toBeFalsy();
    expect(cookie.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((await signIn(https)).cookie.secure).toBe(true);
  });

  it('ends the session on logout, for every later request', async () => {
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
    const { header } = await signIn(t);
    expect((await me(t, header)).statusCode).toBe(200);
    await passTime(t, t.config.sessionTtlMs + 1_000);
    expect((await me(t, header)).statusCode).toBe(401);
  });

  it('rotates the cookie after a while; the old one keeps working briefly for requests in flight', async () => {
    const { header } = await signIn(t);
    const early = await me(t, header);
    expect(early.statusCode).toBe(200);
    expect(freshCookie(early)).toBeUndefined();

    await passTime(t, t.config.sessionRotateMs + 1_000);
    const rotated = await me(t, header);
    expect(rotated.statusCode).toBe(200);
    const fresh = freshCookie(rotated);
    expect(fresh).toBeTruthy();
    expect(fresh).not.toBe(header.split('=')[1]);
    // The replaced cookie is still accepted during the grace period, without rotating again.
    const inFlight = await me(t, header);
    expect(inFlight.statusCode).toBe(200);
    expect(freshCookie(inFlight)).toBeUndefined();
    expect((await me(t, `${SESSION_COOKIE}=${fresh}`)).statusCode).toBe(200);

    // After the grace period only the new cookie works.
    await passTime(t, 61_000);
    expect((await me(t, header)).statusCode).toBe(401);
    expect((await me(t, `${SESSION_COOKIE}=${fresh}`)).statusCode).toBe(200);
  });

  it('regression: logout ends the whole sign-in, the cookie still in its rotation grace too', async () => {
    const { header } = await signIn(t);
    await passTime(t, t.config.sessionRotateMs + 1_000);
    const fresh = `${SESSION_COOKIE}=${freshCookie(await me(t, header))}`;
    const other = await signIn(t);

    const out = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: fresh, [CSRF_HEADER]: '1' },
    });
    expect(out.statusCode).toBe(204);
    expect((await me(t, fresh)).statusCode).toBe(401);
    expect((await me(t, header)).statusCode).toBe(401);
    // Another sign-in of the same user is not signed out.
    expect((await me(t, other.header)).statusCode).toBe(200);
  });

  it('removes expired sessions from the database when someone signs in', async () => {
    await signIn(t);
    await passTime(t, t.config.sessionTtlMs + 1_000);
    await signIn(t, 'student2@coursekit.test');
    const rows = await t.testDb.db.query<{ n: number }>('SELECT count(*)::int AS n FROM sessions');
    expect(rows[0]?.n).toBe(1);
  });

  it('ends a session at the absolute limit since sign-in, whatever the rotations', async () => {
    // Used every 11 hours, the session never reaches its 12-hour time to live and is rotated on
    // each use, but it still ends once the absolute limit since sign-in has passed.
    const step = 11 * HOUR;
    let header = (await signIn(t)).header;
    let elapsed = 0;
    for (;;) {
      await passTime(t, step);
      elapsed += step;
      const response = await me(t, header);
      if (elapsed > t.config.sessionMaxAgeMs) {
        expect(response.statusCode).toBe(401);
        break;
      }
      expect(response.statusCode, `after ${elapsed / HOUR} hours`).toBe(200);
      header = `${SESSION_COOKIE}=${freshCookie(response)}`;
    }
    expect(elapsed).toBeGreaterThan(t.config.sessionTtlMs);
  });

  it('refuses changing requests without the CSRF header or from another origin', async () => {
    const { header } = await signIn(t);
    const change = (headers: Record<string, string>) =>
      t.app.inject({
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
