/**
 * Composition edits from the admin console on both engines: versioned by the course's composition
 * revision (a stale write gets 409 with the current state, never overwrites), positions and titles
 * checked, a phase without a usable version never enabled silently, and configuration validated
 * against the JSON Schema the phase version declares. Each regression is named after its bug.
 */
import { AuditPage, Composition } from '@coursekit/phase-sdk/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compose, readComposition } from './support/adminFixtures.js';
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

const CHECKLIST_SCHEMA = {
  type: 'object',
  properties: {
    steps: {
      type: 'array',
      title: 'Checklist steps',
      items: { type: 'string', minLength: 1, maxLength: 200 },
      maxItems: 20,
    },
  },
  additionalProperties: false,
};

describe.each(ENGINES)('admin console: composition on %s', (engine) => {
  let t: TestApp;
  let builds: PhaseBuildServer;

  beforeAll(async () => {
    [t, builds] = await Promise.all([createTestApp(engine), startPhaseBuildServer()]);
    const admin = (url: string, payload: Record<string, unknown>) =>
      t.as(ADMIN, { method: 'POST', url, payload });
    await admin('/api/phase-types', { name: 'checklist', title: 'Checklist', kind: 'client-only' });
    await admin('/api/phase-types', { name: 'empty', title: 'Nothing yet', kind: 'client-only' });
    builds.publish(
      '/checklist/1.0.0',
      phaseBuild('checklist', '1.0.0', { descriptor: { configSchema: CHECKLIST_SCHEMA } }),
    );
    const registered = await admin('/api/phase-types/checklist/versions', {
      descriptorUrl: `${builds.origin}/checklist/1.0.0/phase.json`,
    });
    expect(registered.statusCode, registered.body).toBe(201);
  });
  afterAll(async () => {
    await Promise.all([t?.close(), builds?.close()]);
  });

  const composition = async () =>
    Composition.parse((await readComposition(t, LECTURER, t.courseId)).body);

  it('refuses a composition change without If-Match, and one based on a stale revision with the current state', async () => {
    const missing = await t.as(LECTURER, {
      method: 'POST',
      url: `/api/courses/${t.courseId}/phases`,
      payload: { phase: 'checklist', title: 'Welcome' },
    });
    expect(missing.statusCode).toBe(428);
    expect(missing.json().code).toBe('CK_PRECONDITION_REQUIRED');

    const { etag } = await readComposition(t, LECTURER, t.courseId);
    const added = await t.as(LECTURER, {
      method: 'POST',
      url: `/api/courses/${t.courseId}/phases`,
      headers: { 'if-match': etag },
      payload: { phase: 'checklist', title: 'Welcome' },
    });
    expect(added.statusCode, added.body).toBe(201);
    // A second admin still holds the old revision: their change is refused, not applied.
    const stale = await t.as(ADMIN, {
      method: 'PATCH',
      url: `/api/courses/${t.courseId}/phases/${added.json().id}`,
      headers: { 'if-match': etag },
      payload: { title: 'Hello' },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('CK_COMPOSITION_CONFLICT');
    const current = Composition.parse(stale.json().current);
    expect(current.revision).toBe(Number(etag.replaceAll('"', '')) + 1);
    expect(current.phases.map((p) => p.title)).toEqual(['Welcome']);
    expect((await composition()).phases.map((p) => p.title)).toEqual(['Welcome']);
  });

  it('lets exactly one of two concurrent changes from one revision through', async () => {
    const [welcome] = (await composition()).phases;
    const { etag } = await readComposition(t, LECTURER, t.courseId);
    const change = (email: string, title: string) =>
      t.as(email, {
        method: 'PATCH',
        url: `/api/courses/${t.courseId}/phases/${welcome?.id}`,
        headers: { 'if-match': etag },
        payload: { title },
      });
    const answers = await Promise.all([change(LECTURER, 'Welcome A'), change(ADMIN, 'Welcome B')]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409]);
    const winner = answers.find((a) => a.statusCode === 200)?.json().title;
    expect((await composition()).phases[0]?.title).toBe(winner);
    await compose(t, LECTURER, t.courseId, {
      method: 'PATCH',
      path: `/${welcome?.id}`,
      payload: { title: 'Welcome' },
    });
  });

  it('refuses out-of-range positions and duplicate titles, and writes nothing', async () => {
    const before = await composition();
    const tooFar = await compose(t, LECTURER, t.courseId, {
      method: 'POST',
      payload: { phase: 'checklist', title: 'Later', position: 5 },
    });
    expect(tooFar.statusCode).toBe(400);
    expect(tooFar.json().errors).toEqual([
      { path: 'body.position', message: 'must be between 0 and 1' },
    ]);
    const moveTooFar = await compose(t, LECTURER, t.courseId, {
      method: 'PATCH',
      path: `/${before.phases[0]?.id}`,
      payload: { position: 1 },
    });
    expect(moveTooFar.statusCode).toBe(400);
    const duplicate = await compose(t, LECTURER, t.courseId, {
      method: 'POST',
      payload: { phase: 'checklist', title: 'welcome' },
    });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().errors[0].path).toBe('body.title');
    const after = await composition();
    expect(after).toEqual(before);
  });

  // Regression: adding a phase type without a usable version answered 201 and the phase vanished
  // from the students' view without a word.
  it('refuses to enable a phase type that has no usable version, and says why', async () => {
    const enabled = await compose(t, LECTURER, t.courseId, {
      method: 'POST',
      payload: { phase: 'empty', title: 'Coming soon' },
    });
    expect(enabled.statusCode).toBe(422);
    expect(enabled.json()).toMatchObject({
      code: 'CK_NO_PHASE_VERSION',
      detail: expect.stringContaining('No version of "empty" is registered yet'),
    });
    const staged = await compose(t, LECTURER, t.courseId, {
      method: 'POST',
      payload: { phase: 'empty', title: 'Coming soon', enabled: false },
    });
    expect(staged.statusCode).toBe(201);
    const shown = (await composition()).phases.find((p) => p.title === 'Coming soon');
    expect(shown?.availability).toEqual({
      available: false,
      version: null,
      reason: 'No version of "empty" is registered yet.',
    });
    const enable = await compose(t, LECTURER, t.courseId, {
      method: 'PATCH',
      path: `/${staged.json().id}`,
      payload: { enabled: true },
    });
    expect(enable.statusCode).toBe(422);
    expect((await composition()).phases.find((p) => p.title === 'Coming soon')?.enabled).toBe(
      false,
    );
  });

  it('validates the configuration against the schema the phase declares, with field errors', async () => {
    const [welcome] = (await composition()).phases;
    const bad = await compose(t, LECTURER, t.courseId, {
      method: 'PATCH',
      path: `/${welcome?.id}`,
      payload: { config: { steps: ['Read the syllabus', ''], colour: 'red' } },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('CK_VALIDATION');
    expect(bad.json().errors).toEqual(
      expect.arrayContaining([
        { path: 'body.config.steps.1', message: 'must NOT have fewer than 1 characters' },
        { path: 'body.config.colour', message: 'is not a setting of this phase' },
      ]),
    );
    const good = await compose(t, LECTURER, t.courseId, {
      method: 'PATCH',
      path: `/${welcome?.id}`,
      payload: { config: { steps: ['Read the syllabus', 'Meet your team'] } },
    });
    expect(good.statusCode).toBe(200);
    const resolved = await t.as(STUDENT, {
      method: 'GET',
      url: `/api/courses/${t.courseId}/phases`,
    });
    expect(resolved.json().phases[0].config).toEqual({
      steps: ['Read the syllabus', 'Meet your team'],
    });
  });

  it('refuses a phase version whose configSchema is no JSON Schema', async () => {
    builds.publish(
      '/checklist/1.1.0',
      phaseBuild('checklist', '1.1.0', { descriptor: { configSchema: { type: 'no-such-type' } } }),
    );
    const refused = await t.as(ADMIN, {
      method: 'POST',
      url: '/api/phase-types/checklist/versions',
      payload: { descriptorUrl: `${builds.origin}/checklist/1.1.0/phase.json` },
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().errors[0].path).toBe('descriptor.configSchema');
  });

  it('reads the changes to a phase type in its own audit log, by action', async () => {
    const log = AuditPage.parse(
      (
        await t.as(ADMIN, { method: 'GET', url: '/api/phase-types/checklist/audit?limit=200' })
      ).json(),
    );
    const actions = log.items.map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'phase-type.create',
        'phase-version.register',
        'course-phase.add',
        'course-phase.configure',
      ]),
    );
    const configured = log.items.find((e) => e.action === 'course-phase.configure');
    expect(configured).toMatchObject({
      courseId: t.courseId,
      phaseType: 'checklist',
      actor: { email: LECTURER },
      after: { config: { steps: ['Read the syllabus', 'Meet your team'] } },
    });
    const unknown = await t.as(ADMIN, { method: 'GET', url: '/api/phase-types/nope/audit' });
    expect(unknown.statusCode).toBe(404);
  });
});
