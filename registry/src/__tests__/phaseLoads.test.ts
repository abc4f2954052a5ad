/**
 * Phase-load telemetry: hosts report settled loads of registered phase versions, admins read them
 * aggregated per version, outcome and stage, and each replica counts them in its metrics. Reports
 * of unknown phases or versions are dropped, so nobody can invent rows or metric labels.
 */
import type { PhaseLoadStats } from '@coursekit/phase-sdk/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
    builds.publish('/intro-course/1.0.0', phaseBuild('intro-course', '1.0.0'));
    await t.as(ADMIN, {
      method: 'POST',
      url: '/api/phase-types',
      payload: { name: 'intro-course', title: 'Intro', kind: 'client-only' },
    });
    const registered = await t.as(ADMIN, {
      method: 'POST',
      url: '/api/phase-types/intro-course/versions',
      payload: { descriptorUrl: `${builds.origin}/intro-course/1.0.0/phase.json` },
    });
    expect(registered.statusCode).toBe(201);
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
});
