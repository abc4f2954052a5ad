/**
 * Deprecate and yank, on PGlite and PostgreSQL: `latest` skips deprecated versions while pinned
 * courses keep them; a yanked version is never resolved again, its pinned courses fall back to the
 * previous version in the same transaction, with an audit entry and a notice to their lecturers.
 */
import { ResolvedCourse } from '@coursekit/phase-sdk/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type PhaseBuildServer,
  phaseBuild,
  startPhaseBuildServer,
} from './support/phaseBuildServer.js';
import { createTestApp, type TestApp } from './support/testApp.js';
import { ENGINES } from './support/testDb.js';

const ADMIN = 'admin@coursekit.test';
const LECTURER = 'lecturer@coursekit.test';
const STUDENT = 'student1@coursekit.test';

describe.each(ENGINES)('version status on %s', (engine) => {
  let t: TestApp;
  let builds: PhaseBuildServer;
  let pinned: string;
  let following: string;

  beforeAll(async () => {
    [t, builds] = await Promise.all([createTestApp(engine), startPhaseBuildServer()]);
    await t.as(ADMIN, {
      method: 'POST',
      url: '/api/phase-types',
      payload: { name: 'quiz', title: 'Quiz', kind: 'client-only' },
    });
    for (const version of ['1.0.0', '1.1.0', '1.2.0']) {
      builds.publish(`/quiz/${version}`, phaseBuild('quiz', version));
      const registered = await t.as(ADMIN, {
        method: 'POST',
        url: '/api/phase-types/quiz/versions',
        payload: { descriptorUrl: `${builds.origin}/quiz/${version}/phase.json` },
      });
      expect(registered.statusCode).toBe(201);
    }
    const add = async (title: string, pin: string) =>
      (
        await t.as(LECTURER, {
          method: 'POST',
          url: `/api/courses/${t.courseId}/phases`,
          headers: { 'if-match': '*' },
          payload: { phase: 'quiz', title, pin },
        })
      ).json().id as string;
    pinned = await add('Pinned quiz', '1.1.0');
    following = await add('Latest quiz', 'latest');
  });
  afterAll(async () => {
    await Promise.all([t?.close(), builds?.close()]);
  });

  const setStatus = (version: string, status: string, as = ADMIN) =>
    t.as(as, {
      method: 'PATCH',
      url: `/api/phase-types/quiz/versions/${version}`,
      payload: { status, reason: 'broken checklist' },
    });

  const resolvedVersions = async () => {
    const course = ResolvedCourse.parse(
      (await t.as(STUDENT, { method: 'GET', url: `/api/courses/${t.courseId}/phases` })).json(),
    );
    const versionOf = (id: string) => course.phases.find((p) => p.coursePhaseId === id)?.version;
    return { pinned: versionOf(pinned), following: versionOf(following) };
  };

  it('only admins change a version status', async () => {
    expect((await setStatus('1.2.0', 'deprecated', LECTURER)).statusCode).toBe(403);
    expect((await setStatus('9.9.9', 'deprecated')).statusCode).toBe(404);
    expect(await resolvedVersions()).toEqual({ pinned: '1.1.0', following: '1.2.0' });
  });

  it('a deprecated version is skipped by latest but kept for courses pinned to it', async () => {
    const response = await setStatus('1.2.0', 'deprecated');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ version: { status: 'deprecated' }, fallbacks: [] });
    expect(await resolvedVersions()).toEqual({ pinned: '1.1.0', following: '1.1.0' });
    const repin = await t.as(LECTURER, {
      method: 'PATCH',
      url: `/api/courses/${t.courseId}/phases/${pinned}`,
      headers: { 'if-match': '*' },
      payload: { pin: '1.2.0' },
    });
    expect(repin.statusCode).toBe(200);
    expect(await resolvedVersions()).toEqual({ pinned: '1.2.0', following: '1.1.0' });
    await t.as(LECTURER, {
      method: 'PATCH',
      url: `/api/courses/${t.courseId}/phases/${pinned}`,
      headers: { 'if-match': '*' },
      payload: { pin: '1.1.0' },
    });
  });

  it('a yanked version is never resolved: pinned courses fall back to the previous version', async () => {
    const response = await setStatus('1.1.0', 'yanked');
    expect(response.statusCode).toBe(200);
    expect(response.json().fallbacks).toEqual([
      { courseId: t.courseId, coursePhaseId: pinned, from: '1.1.0', to: '1.0.0' },
    ]);
    expect(await resolvedVersions()).toEqual({ pinned: '1.0.0', following: '1.0.0' });

    const audit = await t.testDb.db.query<{ action: string; entity_id: string }>(
      `SELECT action, entity_id FROM audit_log WHERE action IN ('course-phase.fallback', 'phase-version.yank')`,
    );
    expect(audit).toEqual(
      expect.arrayContaining([
        { action: 'course-phase.fallback', entity_id: pinned },
        { action: 'phase-version.yank', entity_id: 'quiz' },
      ]),
    );
  });

  it("tells the course's lecturers, and only them, which phases moved", async () => {
    const notices = (await t.as(LECTURER, { method: 'GET', url: '/api/notices' })).json();
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({
      courseId: t.courseId,
      kind: 'phase-version-yanked',
      title: 'quiz 1.1.0 was yanked',
      readAt: null,
    });
    expect(notices[0].body).toContain('"Pinned quiz" now runs 1.0.0');
    expect(notices[0].body).toContain('"Latest quiz" now runs latest (1.0.0)');
    expect(notices[0].body).toContain('broken checklist');
    expect((await t.as(STUDENT, { method: 'GET', url: '/api/notices' })).json()).toEqual([]);
    const read = await t.as(STUDENT, {
      method: 'POST',
      url: `/api/notices/${notices[0].id}/read`,
    });
    expect(read.statusCode).toBe(404);
    expect(
      (await t.as(LECTURER, { method: 'POST', url: `/api/notices/${notices[0].id}/read` }))
        .statusCode,
    ).toBe(204);
    const after = (await t.as(LECTURER, { method: 'GET', url: '/api/notices' })).json();
    expect(after[0].readAt).not.toBeNull();
  });

  it('a yank is final, and a yanked version cannot be pinned again', async () => {
    const back = await setStatus('1.1.0', 'active');
    expect(back.statusCode).toBe(409);
    const repin = await t.as(LECTURER, {
      method: 'PATCH',
      url: `/api/courses/${t.courseId}/phases/${pinned}`,
      headers: { 'if-match': '*' },
      payload: { pin: '1.1.0' },
    });
    expect(repin.statusCode).toBe(422);
    expect(repin.json().code).toBe('CK_NO_PHASE_VERSION');
  });

  it('falls back to latest when no earlier version is left', async () => {
    await t.as(LECTURER, {
      method: 'PATCH',
      url: `/api/courses/${t.courseId}/phases/${pinned}`,
      headers: { 'if-match': '*' },
      payload: { pin: '1.0.0' },
    });
    const response = await setStatus('1.0.0', 'yanked');
    expect(response.json().fallbacks).toEqual([
      { courseId: t.courseId, coursePhaseId: pinned, from: '1.0.0', to: 'latest' },
    ]);
    // 1.2.0 is deprecated and the rest yanked: latest has nothing to offer, so nothing resolves.
    expect(await resolvedVersions()).toEqual({ pinned: undefined, following: undefined });
    expect((await setStatus('1.2.0', 'active')).statusCode).toBe(200);
    expect(await resolvedVersions()).toEqual({ pinned: '1.2.0', following: '1.2.0' });
  });
});
