/**
 * A developer's phase override: their own sign-in loads a phase from their development build; the
 * registry validates that build like a registration, registers nothing, shows it to nobody else,
 * and refuses it to users without the `overridePhases` permission.
 */

import { CSRF_HEADER } from '@coursekit/phase-sdk/client';
import { PhaseOverride, ResolvedCourse } from '@coursekit/phase-sdk/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSIONS_TOPIC } from '../modules/auth/SessionService.js';
import { SESSION_COOKIE } from '../modules/auth/sessionCookie.js';
import { compose } from './support/adminFixtures.js';
import {
  type PhaseBuildServer,
  phaseBuild,
  startPhaseBuildServer,
  uploadBody,
} from './support/phaseBuildServer.js';
import { createTestApp, type TestApp } from './support/testApp.js';

const ADMIN = 'admin@coursekit.test';
const DEVELOPER = 'developer@coursekit.test';
const LECTURER = 'lecturer@coursekit.test';
const STUDENT = 'student1@coursekit.test';

describe('phase overrides', () => {
  let t: TestApp;
  let builds: PhaseBuildServer;
  let devBuild: string;

  beforeAll(async () => {
    [t, builds] = await Promise.all([createTestApp('pglite'), startPhaseBuildServer()]);
    // The registered version is published to the registry (which creates the phase type).
    const published = await t.as(ADMIN, {
      method: 'POST',
      url: '/api/phase-bundles',
      payload: uploadBody(phaseBuild('quiz', '1.0.0')),
    });
    expect(published.statusCode).toBe(201);
    const added = await compose(t, ADMIN, t.courseId, {
      method: 'POST',
      payload: { phase: 'quiz', title: 'Quiz' },
    });
    expect(added.statusCode).toBe(201);
    builds.publish('/dev', phaseBuild('quiz', '1.1.0-dev'));
    devBuild = `${builds.origin}/dev/phase.json`;
  });
  afterAll(async () => {
    await Promise.all([t?.close(), builds?.close()]);
  });

  const setOverride = (email: string, descriptorUrl: string, phase = 'quiz') =>
    t.as(email, {
      method: 'PUT',
      url: `/api/me/phase-overrides/${phase}`,
      payload: { descriptorUrl },
    });
  const clearOverride = (email: string) =>
    t.as(email, { method: 'DELETE', url: '/api/me/phase-overrides/quiz' });
  const quizAsSeenBy = async (email: string) => {
    const response = await t.as(email, { method: 'GET', url: `/api/courses/${t.courseId}/phases` });
    expect(response.statusCode).toBe(200);
    const quiz = ResolvedCourse.parse(response.json()).phases.find((p) => p.phase === 'quiz');
    if (!quiz) throw new Error('the course has no quiz phase');
    return { quiz, etag: String(response.headers.etag) };
  };
  const auditActions = async (): Promise<string[]> =>
    (await t.as(ADMIN, { method: 'GET', url: '/api/phase-types/quiz/audit' }))
      .json()
      .items.map((entry: { action: string }) => entry.action);
  const versionCount = async () =>
    (await t.as(ADMIN, { method: 'GET', url: '/api/phase-types/quiz/versions' })).json().length;

  it("loads the developer's build for them alone, and registers nothing", async () => {
    const before = await quizAsSeenBy(DEVELOPER);
    const versions = await versionCount();
    const versionActions = (await auditActions()).filter((a) => a.startsWith('phase-version.'));

    const set = await setOverride(DEVELOPER, devBuild);
    expect(set.statusCode).toBe(200);
    expect(PhaseOverride.parse(set.json())).toMatchObject({
      phase: 'quiz',
      version: '1.1.0-dev',
      descriptorUrl: devBuild,
    });

    const { quiz, etag } = await quizAsSeenBy(DEVELOPER);
    expect(quiz.version).toBe('1.1.0-dev');
    expect(quiz.devOverride).toEqual({ descriptorUrl: devBuild });
    expect(quiz.remote).toEqual({
      name: 'quiz',
      entry: `${builds.origin}/dev/mf-manifest.json`,
      integrity: {},
      baseUrl: `${builds.origin}/dev/`,
    });
    // A host revalidating with the old ETag gets the new answer, not a 304.
    expect(etag).not.toBe(before.etag);

    for (const other of [LECTURER, STUDENT, ADMIN]) {
      const seen = (await quizAsSeenBy(other)).quiz;
      expect(seen.version, other).toBe('1.0.0');
      expect(seen.devOverride, other).toBeUndefined();
    }
    expect(await versionCount()).toBe(versions);
    const actions = await auditActions();
    expect(actions).toContain('phase-override.set');
    expect(actions.filter((action) => action.startsWith('phase-version.'))).toEqual(versionActions);

    const listed = await t.as(DEVELOPER, { method: 'GET', url: '/api/me/phase-overrides' });
    expect(listed.json()).toEqual([set.json()]);
  });

  it('belongs to the sign-in: another sign-in of the same developer does not see it', async () => {
    const otherBrowser = await t.app.inject({
      method: 'POST',
      url: '/api/auth/dev-login',
      headers: { 'x-coursekit-csrf': '1' },
      payload: { email: DEVELOPER },
    });
    const cookie = otherBrowser.cookies.find((c) => c.name === SESSION_COOKIE);
    expect(cookie).toBeDefined();
    const resolved = await t.app.inject({
      url: `/api/courses/${t.courseId}/phases`,
      headers: { cookie: `${SESSION_COOKIE}=${cookie?.value}` },
    });
    const quiz = ResolvedCourse.parse(resolved.json()).phases.find((p) => p.phase === 'quiz');
    expect(quiz?.version).toBe('1.0.0');
    expect((await quizAsSeenBy(DEVELOPER)).quiz.version).toBe('1.1.0-dev');
  });

  it('is refused with 403 to users without the developer permission', async () => {
    for (const email of [STUDENT, LECTURER]) {
      const response = await setOverride(email, devBuild);
      expect(response.statusCode, email).toBe(403);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json()).toMatchObject({ code: 'CK_FORBIDDEN' });
      expect(response.json().detail).toContain('overridePhases');
      expect((await quizAsSeenBy(email)).quiz.version).toBe('1.0.0');
    }
  });

  it('refuses a build that is not what its phase.json says, or not of that phase', async () => {
    builds.publish('/tampered', {
      ...phaseBuild('quiz', '1.2.0-dev'),
      'remoteEntry.js': 'globalThis.quiz = "changed after the build";\n',
    });
    const tampered = await setOverride(DEVELOPER, `${builds.origin}/tampered/phase.json`);
    expect(tampered.statusCode).toBe(422);
    expect(tampered.json()).toMatchObject({ code: 'CK_PHASE_INTEGRITY_MISMATCH' });

    builds.publish('/other', phaseBuild('poll', '1.0.0'));
    const other = await setOverride(DEVELOPER, `${builds.origin}/other/phase.json`);
    expect(other.statusCode).toBe(422);
    expect(other.json()).toMatchObject({ code: 'CK_PHASE_DESCRIPTOR_INVALID' });
    expect(other.json().detail).toContain('"poll", not "quiz"');

    const unknown = await setOverride(DEVELOPER, devBuild, 'nothing-here');
    expect(unknown.statusCode).toBe(404);

    // The override set before is untouched by the refused ones.
    expect((await quizAsSeenBy(DEVELOPER)).quiz.version).toBe('1.1.0-dev');
  });

  it('lasts across cookie rotations of the sign-in', async () => {
    // As if the rotation time had passed for the developer's sessions (see sessions.test.ts).
    await t.testDb.db.query(
      `UPDATE sessions SET created_at = created_at - $1::interval
       WHERE user_id = (SELECT id FROM users WHERE email = $2)`,
      [`${t.config.sessionRotateMs + 1_000} milliseconds`, DEVELOPER],
    );
    await t.app.changes.publish(SESSIONS_TOPIC);
    const rotation = await t.as(DEVELOPER, { method: 'GET', url: '/api/me' });
    const fresh = rotation.cookies.find((c) => c.name === SESSION_COOKIE)?.value;
    expect(fresh).toBeTruthy();
    const resolved = await t.app.inject({
      url: `/api/courses/${t.courseId}/phases`,
      headers: { cookie: `${SESSION_COOKIE}=${fresh}` },
    });
    const quiz = ResolvedCourse.parse(resolved.json()).phases.find((p) => p.phase === 'quiz');
    expect(quiz?.version).toBe('1.1.0-dev');
  });

  it('regression: ends with the sign-out, for the cookie the sign-in replaced too', async () => {
    const cookie = (value: string | undefined) => `${SESSION_COOKIE}=${value}`;
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/dev-login',
      headers: { [CSRF_HEADER]: '1' },
      payload: { email: DEVELOPER },
    });
    const first = cookie(login.cookies.find((c) => c.name === SESSION_COOKIE)?.value);
    const send = (header: string, options: { method: 'GET' | 'PUT' | 'POST'; url: string }) =>
      t.app.inject({
        ...options,
        headers: { cookie: header, [CSRF_HEADER]: '1' },
        ...(options.method === 'PUT' ? { payload: { descriptorUrl: devBuild } } : {}),
      });
    expect(
      (await send(first, { method: 'PUT', url: '/api/me/phase-overrides/quiz' })).statusCode,
    ).toBe(200);
    await t.testDb.db.query(
      `UPDATE sessions SET created_at = created_at - $1::interval
       WHERE sign_in_id = (SELECT sign_in_id FROM phase_overrides ORDER BY set_at DESC LIMIT 1)`,
      [`${t.config.sessionRotateMs + 1_000} milliseconds`],
    );
    await t.app.changes.publish(SESSIONS_TOPIC);
    const rotated = await send(first, { method: 'GET', url: '/api/me' });
    const second = cookie(rotated.cookies.find((c) => c.name === SESSION_COOKIE)?.value);

    expect((await send(second, { method: 'POST', url: '/api/auth/logout' })).statusCode).toBe(204);

    // The replaced cookie, still in its grace period, neither signs in nor carries the override.
    expect((await send(first, { method: 'GET', url: '/api/me/phase-overrides' })).statusCode).toBe(
      401,
    );
    const left = await t.testDb.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM phase_overrides o JOIN users u ON u.id = o.user_id
       WHERE u.email = $1 AND NOT EXISTS (SELECT 1 FROM sessions s WHERE s.sign_in_id = o.sign_in_id)`,
      [DEVELOPER],
    );
    expect(left[0]?.n).toBe(0);
  });

  it('is cleared in one request, and the registered version is back', async () => {
    const cleared = await clearOverride(DEVELOPER);
    expect(cleared.statusCode).toBe(204);
    const { quiz } = await quizAsSeenBy(DEVELOPER);
    expect(quiz.version).toBe('1.0.0');
    expect(quiz.devOverride).toBeUndefined();
    expect(Object.keys(quiz.remote.integrity).length).toBeGreaterThan(0);
    expect(
      (await t.as(DEVELOPER, { method: 'GET', url: '/api/me/phase-overrides' })).json(),
    ).toEqual([]);
    // Clearing again changes nothing.
    expect((await clearOverride(DEVELOPER)).statusCode).toBe(204);
  });
});
