/**
 * Phase-load telemetry: hosts report settled loads of registered phase versions, admins read them
 * aggregated per version, outcome and stage, and each replica counts them in its metrics. Reports
 * of unknown phases or versions, or of phases outside the user's courses, are dropped, so nobody
 * can invent rows or metric labels or count loads they never had; each user's batches are limited.
 */
import type { PhaseLoadStats } from '@coursekit/phase-sdk/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addIntroCoursePhase } from './support/introCoursePhase.js';
import { phaseBuild, startPhaseBuildServer } from './support/phaseBuildServer.js';
import { createTestApp, type TestApp } from './support/testApp.js';
import { ENGINES } from './support/testDb.js';

const ADMIN = 'admin@coursekit.test';
const STUDENT = 'student1@coursekit.test';

describe.each(ENGINES)('phase-load telemetry on %s', (engine) => {
  let t: TestApp;
  let close: () => Promise<void>;

  beforeAll(async () => {
    const builds = await startPhaseBuildServer();
    t = await createTestApp(engine);
    close = async () => {
      await builds.close();
      await t.close();
    };
    // The sample course uses intro-course: its students' reports count.
    await addIntroCoursePhase(t, builds);
    // A phase type that no course uses.
    builds.publish('/unused-phase/1.0.0', phaseBuild('unused-phase', '1.0.0'));
    await t.as(ADMIN, {
      method: 'POST',
      url: '/api/phase-types',
      payload: { name: 'unused-phase', title: 'Unused', kind: 'client-only' },
    });
    const unused = await t.as(ADMIN, {
      method: 'POST',
      url: '/api/phase-types/unused-phase/versions',
      payload: { descriptorUrl: `${builds.origin}/unused-phase/1.0.0/phase.json` },
    });
    expect(unused.statusCode).toBe(201);
  });
  afterAll(async () => close?.());

  const report = (reports: unknown[]) =>
    t.as(STUDENT, { method: 'POST', url: '/api/phase-loads', payload: { reports } });
  const stats = async (query = '') => {
    const response = await t.as(ADMIN, { method: 'GET', url: `/api/admin/phase-loads${query}` });
    expect(response.statusCode).toBe(200);
    return (response.json() as PhaseLoadStats).items;
  };

  it('aggregates the loads hosts report per version, outcome and stage', async () => {
    const accepted = await report([
      { phase: 'intro-course', version: '1.0.0', outcome: 'loaded', durationMs: 300, attempts: 1 },
      { phase: 'intro-course', version: '1.0.0', outcome: 'loaded', durationMs: 500, attempts: 2 },
      {
        phase: 'intro-course',
        version: '1.0.0',
        outcome: 'failed',
        stage: 'integrity',
        durationMs: 120,
        attempts: 1,
      },
    ]);
    expect(accepted.statusCode, accepted.body).toBe(202);
    expect(accepted.json()).toEqual({ accepted: 3 });
    expect(await stats('?phase=intro-course')).toEqual([
      expect.objectContaining({
        version: '1.0.0',
        outcome: 'failed',
        stage: 'integrity',
        count: 1,
        maxMs: 120,
      }),
      expect.objectContaining({
        outcome: 'loaded',
        stage: null,
        count: 2,
        averageMs: 400,
        maxMs: 500,
      }),
    ]);
  });

  it('drops reports of phases or versions that are not registered', async () => {
    const response = await report([
      { phase: 'made-up', version: '1.0.0', outcome: 'loaded', durationMs: 1, attempts: 1 },
      { phase: 'intro-course', version: '9.9.9', outcome: 'loaded', durationMs: 1, attempts: 1 },
    ]);
    expect(response.json()).toEqual({ accepted: 0 });
    const phases = (await stats()).map((s) => `${s.phase}@${s.version}`);
    expect(phases).not.toContain('made-up@1.0.0');
    expect(phases).not.toContain('intro-course@9.9.9');
  });

  it('counts reports only for phases of a course the user belongs to (any phase for admins)', async () => {
    const unused = { phase: 'unused-phase', version: '1.0.0', outcome: 'loaded', durationMs: 3 };
    expect((await report([{ ...unused, attempts: 1 }])).json()).toEqual({ accepted: 0 });
    expect(await stats('?phase=unused-phase')).toEqual([]);
    // Admins preview every phase, so their loads count.
    const byAdmin = await t.as(ADMIN, {
      method: 'POST',
      url: '/api/phase-loads',
      payload: { reports: [{ ...unused, attempts: 1 }] },
    });
    expect(byAdmin.json()).toEqual({ accepted: 1 });
    expect((await stats('?phase=unused-phase')).map((s) => s.count)).toEqual([1]);
  });

  it('refuses malformed reports with field errors, and nothing is counted', async () => {
    const before = await stats();
    for (const bad of [
      [],
      [{ phase: 'intro-course', version: '1.0.0', outcome: 'failed', durationMs: 5, attempts: 1 }],
      [{ phase: 'intro-course', version: '1.0.0', outcome: 'loaded', durationMs: -1, attempts: 1 }],
      Array.from({ length: 51 }, () => ({
        phase: 'intro-course',
        version: '1.0.0',
        outcome: 'loaded',
        durationMs: 1,
        attempts: 1,
      })),
    ]) {
      const response = await report(bad);
      expect(response.statusCode).toBe(400);
      expect(response.json().code).toBe('CK_VALIDATION');
    }
    expect(await stats()).toEqual(before);
  });

  it('lets only admins read the figures, and only signed-in users report', async () => {
    expect((await t.as(STUDENT, { method: 'GET', url: '/api/admin/phase-loads' })).statusCode).toBe(
      403,
    );
    const anonymous = await t.as(null, {
      method: 'POST',
      url: '/api/phase-loads',
      payload: { reports: [] },
    });
    expect(anonymous.statusCode).toBe(401);
  });

  it('counts accepted reports in the metrics', async () => {
    const text = (await t.app.inject({ url: '/metrics' })).body;
    expect(text).toMatch(
      /coursekit_phase_loads_total\{[^}]*phase="intro-course"[^}]*outcome="loaded"[^}]*\} 2/,
    );
    expect(text).not.toContain('made-up');
  });

  // Last: it uses up one user's reports for this minute.
  it('limits each user to PHASE_LOAD_REPORTS_PER_MINUTE batches a minute; others are not affected', async () => {
    const batch = {
      reports: [
        { phase: 'intro-course', version: '1.0.0', outcome: 'loaded', durationMs: 1, attempts: 1 },
      ],
    };
    const send = (email: string) =>
      t.as(email, { method: 'POST', url: '/api/phase-loads', payload: batch });
    const statuses: number[] = [];
    for (let i = 0; i < 121; i++) statuses.push((await send('student2@coursekit.test')).statusCode);
    expect(statuses.slice(0, 120)).toEqual(Array(120).fill(202));
    const limited = await send('student2@coursekit.test');
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toMatchObject({ code: 'CK_RATE_LIMITED' });
    expect(statuses[120]).toBe(429);
    expect((await send('student3@coursekit.test')).statusCode).toBe(202);
  });
});
