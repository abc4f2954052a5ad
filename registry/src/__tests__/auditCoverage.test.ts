/**
 * Every admin change is audited: each state-changing route of the registry either writes an audit
 * entry (checked here by doing the change and reading the log) or is listed, with the reason, as
 * no admin change. A new state-changing route without a row fails the coverage check.
 */
import { randomUUID } from 'node:crypto';
import { AuditPage } from '@coursekit/phase-sdk/contract';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compose, readComposition } from './support/adminFixtures.js';
import {
  type PhaseBuildServer,
  phaseBuild,
  startPhaseBuildServer,
  uploadBody as upload,
} from './support/phaseBuildServer.js';
import { createTestApp, type TestApp } from './support/testApp.js';

const ADMIN = 'admin@coursekit.test';

/** State-changing routes that are not admin changes, and why. */
const NOT_ADMIN_CHANGES: Record<string, string> = {
  'POST /api/auth/dev-login': 'signing in changes no platform setting',
  'POST /api/auth/logout': 'signing out changes no platform setting',
  'POST /api/course-phases/{coursePhaseId}/token': 'issues a short-lived token, stores nothing',
  'PUT /api/course-phases/{coursePhaseId}/data/{scope}': "a phase's own data, versioned in storage",
  'PUT /api/course-phases/{coursePhaseId}/participants/{userId}/data/{scope}':
    "a participant's own data, versioned in storage",
  'POST /api/admin/health-probes': 'records probe results, changes no setting',
  'POST /api/phase-loads': 'telemetry of how a phase load settled in a browser',
  'POST /api/notices/{noticeId}/read': "marks one of the user's own notices read",
};

describe('audit coverage', () => {
  let t: TestApp;
  let builds: PhaseBuildServer;
  let coursePhaseId: string;
  let version = 0;

  beforeAll(async () => {
    [t, builds] = await Promise.all([createTestApp('pglite'), startPhaseBuildServer()]);
    await t.as(ADMIN, {
      method: 'POST',
      url: '/api/phase-types',
      payload: { name: 'welcome', title: 'Welcome', kind: 'client-only' },
    });
    builds.publish('/welcome/1.0.0', phaseBuild('welcome', '1.0.0'));
    await t.as(ADMIN, {
      method: 'POST',
      url: '/api/phase-types/welcome/versions',
      payload: { descriptorUrl: `${builds.origin}/welcome/1.0.0/phase.json` },
    });
    coursePhaseId = (
      await compose(t, ADMIN, t.courseId, {
        method: 'POST',
        payload: { phase: 'welcome', title: 'Welcome' },
      })
    ).json().id;
  });
  afterAll(async () => {
    await Promise.all([t?.close(), builds?.close()]);
  });

  const member = async () =>
    (
      await t.as(ADMIN, {
        method: 'POST',
        url: `/api/courses/${t.courseId}/members`,
        payload: { email: `m-${randomUUID().slice(0, 8)}@coursekit.test`, role: 'student' },
      })
    ).json().userId as string;

  const ROWS: Record<string, { action: string; request: () => Promise<InjectOptions> }> = {
    'POST /api/courses': {
      action: 'course.create',
      request: async () => ({
        method: 'POST',
        url: '/api/courses',
        payload: { slug: `c-${randomUUID().slice(0, 8)}`, title: 'New' },
      }),
    },
    'PATCH /api/courses/{courseId}': {
      action: 'course.update',
      request: async () => ({
        method: 'PATCH',
        url: `/api/courses/${t.courseId}`,
        payload: { term: `Term ${randomUUID().slice(0, 4)}` },
      }),
    },
    'POST /api/courses/{courseId}/members': {
      action: 'course.member.upsert',
      request: async () => ({
        method: 'POST',
        url: `/api/courses/${t.courseId}/members`,
        payload: { email: `n-${randomUUID().slice(0, 8)}@coursekit.test`, role: 'student' },
      }),
    },
    'PATCH /api/courses/{courseId}/members/{userId}': {
      action: 'course.member.role',
      request: async () => ({
        method: 'PATCH',
        url: `/api/courses/${t.courseId}/members/${await member()}`,
        payload: { role: 'editor' },
      }),
    },
    'DELETE /api/courses/{courseId}/members/{userId}': {
      action: 'course.member.remove',
      request: async () => ({
        method: 'DELETE',
        url: `/api/courses/${t.courseId}/members/${await member()}`,
      }),
    },
    'POST /api/courses/{courseId}/phases': {
      action: 'course-phase.add',
      request: async () => ({
        method: 'POST',
        url: `/api/courses/${t.courseId}/phases`,
        headers: { 'if-match': (await readComposition(t, ADMIN, t.courseId)).etag },
        payload: { phase: 'welcome', title: `More ${randomUUID().slice(0, 8)}`, enabled: false },
      }),
    },
    'PATCH /api/courses/{courseId}/phases/{coursePhaseId}': {
      action: 'course-phase.update',
      request: async () => ({
        method: 'PATCH',
        url: `/api/courses/${t.courseId}/phases/${coursePhaseId}`,
        headers: { 'if-match': (await readComposition(t, ADMIN, t.courseId)).etag },
        payload: { title: `Welcome ${randomUUID().slice(0, 8)}` },
      }),
    },
    'POST /api/phase-types': {
      action: 'phase-type.create',
      request: async () => ({
        method: 'POST',
        url: '/api/phase-types',
        payload: { name: `p${randomUUID().slice(0, 8)}`, title: 'P', kind: 'client-only' },
      }),
    },
    'POST /api/phase-types/{name}/versions': {
      action: 'phase-version.register',
      request: async () => {
        const next = `1.1.${++version}`;
        builds.publish(`/welcome/${next}`, phaseBuild('welcome', next));
        return {
          method: 'POST',
          url: '/api/phase-types/welcome/versions',
          payload: { descriptorUrl: `${builds.origin}/welcome/${next}/phase.json` },
        };
      },
    },
    'POST /api/phase-bundles': {
      action: 'phase-version.publish',
      request: async () => ({
        method: 'POST',
        url: '/api/phase-bundles',
        payload: upload(phaseBuild('welcome', `1.3.${++version}`)) as Record<string, unknown>,
      }),
    },
    'PATCH /api/phase-types/{name}/versions/{version}': {
      action: 'phase-version.deprecate',
      request: async () => {
        const next = `1.2.${++version}`;
        builds.publish(`/welcome/${next}`, phaseBuild('welcome', next));
        await t.as(ADMIN, {
          method: 'POST',
          url: '/api/phase-types/welcome/versions',
          payload: { descriptorUrl: `${builds.origin}/welcome/${next}/phase.json` },
        });
        return {
          method: 'PATCH',
          url: `/api/phase-types/welcome/versions/${next}`,
          payload: { status: 'deprecated', reason: 'superseded' },
        };
      },
    },
    'POST /api/admin/phase-publishers': {
      action: 'phase-publisher.grant',
      request: async () => ({
        method: 'POST',
        url: '/api/admin/phase-publishers',
        payload: { phase: `p${randomUUID().slice(0, 8)}`, email: 'student1@coursekit.test' },
      }),
    },
    'DELETE /api/admin/phase-publishers/{phase}/{userId}': {
      action: 'phase-publisher.revoke',
      request: async () => {
        const granted = await t.as(ADMIN, {
          method: 'POST',
          url: '/api/admin/phase-publishers',
          payload: { phase: `p${randomUUID().slice(0, 8)}`, email: 'student1@coursekit.test' },
        });
        const { phase, user } = granted.json();
        return { method: 'DELETE', url: `/api/admin/phase-publishers/${phase}/${user.id}` };
      },
    },
    'POST /api/admin/api-tokens': {
      action: 'api-token.create',
      request: async () => ({
        method: 'POST',
        url: '/api/admin/api-tokens',
        payload: { email: ADMIN, name: 'CI', phase: 'welcome' },
      }),
    },
    'DELETE /api/admin/api-tokens/{tokenId}': {
      action: 'api-token.revoke',
      request: async () => {
        const created = await t.as(ADMIN, {
          method: 'POST',
          url: '/api/admin/api-tokens',
          payload: { email: ADMIN, name: 'CI', phase: 'welcome' },
        });
        return { method: 'DELETE', url: `/api/admin/api-tokens/${created.json().apiToken.id}` };
      },
    },
    'PUT /api/me/phase-overrides/{phase}': {
      action: 'phase-override.set',
      request: async () => {
        const dev = `2.0.${++version}-dev`;
        builds.publish(`/dev/${dev}`, phaseBuild('welcome', dev));
        return {
          method: 'PUT',
          url: '/api/me/phase-overrides/welcome',
          payload: { descriptorUrl: `${builds.origin}/dev/${dev}/phase.json` },
        };
      },
    },
    'DELETE /api/me/phase-overrides/{phase}': {
      action: 'phase-override.clear',
      request: async () => {
        const dev = `2.1.${++version}-dev`;
        builds.publish(`/dev/${dev}`, phaseBuild('welcome', dev));
        await t.as(ADMIN, {
          method: 'PUT',
          url: '/api/me/phase-overrides/welcome',
          payload: { descriptorUrl: `${builds.origin}/dev/${dev}/phase.json` },
        });
        return { method: 'DELETE', url: '/api/me/phase-overrides/welcome' };
      },
    },
    'POST /api/admin/signing-keys/rotate': {
      action: 'signing-key.rotate',
      request: async () => ({ method: 'POST', url: '/api/admin/signing-keys/rotate', payload: {} }),
    },
  };

  const newest = async () =>
    AuditPage.parse((await t.as(ADMIN, { method: 'GET', url: '/api/admin/audit?limit=1' })).json())
      .items[0];

  it.each(Object.entries(ROWS))('%s writes an audit entry', async (_route, row) => {
    const request = await row.request();
    const before = await newest();
    const response = await t.as(ADMIN, request);
    expect(response.statusCode, response.body).toBeLessThan(300);
    const entry = await newest();
    expect(entry?.id).not.toBe(before?.id);
    expect(entry).toMatchObject({ action: row.action, actor: { email: ADMIN } });
  });

  it('covers every state-changing route', async () => {
    const doc = (await t.app.inject({ url: '/api/openapi.json' })).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    const changing = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods)
        .filter((m) => m !== 'get' && m !== 'head')
        .map((m) => `${m.toUpperCase()} ${path}`),
    );
    const covered = new Set([...Object.keys(ROWS), ...Object.keys(NOT_ADMIN_CHANGES)]);
    expect(changing.filter((route) => !covered.has(route))).toEqual([]);
  });
});
