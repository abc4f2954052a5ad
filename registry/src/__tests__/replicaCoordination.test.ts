/**
 * What several registry replicas share through the database instead of keeping in memory: the
 * sign-in rate limit (one limit for all replicas, not one per replica) and the scheduled health
 * probes (one replica per interval runs them). Two `buildServer` instances on one database stand
 * for two replicas; `deploy/test/replicas.test.ts` repeats the rate limit behind a real nginx.
 */
import { CSRF_HEADER } from '@coursekit/phase-sdk/client';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { buildServer } from '../app.js';
import { claimScheduledRun } from '../db/scheduledRuns.js';
import { createTestApp, type TestApp } from './support/testApp.js';
import { ENGINES } from './support/testDb.js';

describe.each(ENGINES)('replicas on one %s database', { timeout: 120_000 }, (engine) => {
  let first: TestApp | undefined;
  let second: FastifyInstance | undefined;
  afterEach(async () => {
    await second?.close();
    await first?.close();
    second = undefined;
    first = undefined;
  });

  const devLogin = (app: FastifyInstance) =>
    app.inject({
      method: 'POST',
      url: '/api/auth/dev-login',
      headers: { [CSRF_HEADER]: '1' },
      payload: { email: 'nobody@coursekit.test' },
    });

  it('enforce one sign-in limit together, not one each', async () => {
    first = await createTestApp(engine, { SIGN_IN_RATE_LIMIT: '4' });
    second = await buildServer({ config: first.config, db: first.testDb.db });
    const replicas = [first.app, second];
    // Attempts alternate between the replicas: each sees only half of them.
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push((await devLogin(replicas[i % 2] as FastifyInstance)).statusCode);
    expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);

    // Concurrent attempts on both replicas never lose a count: of 10 more at once, none passes.
    const burst = await Promise.all(
      Array.from({ length: 10 }, (_, i) => devLogin(replicas[i % 2] as FastifyInstance)),
    );
    expect(burst.map((response) => response.statusCode)).toEqual(Array(10).fill(429));
  });

  it('count a new window once the old one has run out', async () => {
    first = await createTestApp(engine, { SIGN_IN_RATE_LIMIT: '1' });
    expect((await devLogin(first.app)).statusCode).toBe(401);
    expect((await devLogin(first.app)).statusCode).toBe(429);
    // The window ends: age the stored counter instead of waiting a minute.
    await first.testDb.db.query(
      `UPDATE rate_limit_counters SET expires_at = clock_timestamp() - interval '1 second'`,
    );
    expect((await devLogin(first.app)).statusCode).toBe(401);
    expect((await devLogin(first.app)).statusCode).toBe(429);
  });

  it('let exactly one replica claim each scheduled run', async () => {
    first = await createTestApp(engine);
    const { db } = first.testDb;
    const claims = await Promise.all(
      Array.from({ length: 8 }, () => claimScheduledRun(db, 'health-probes', 60_000)),
    );
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await claimScheduledRun(db, 'health-probes', 60_000)).toBe(false);
    // Another job is claimed on its own.
    expect(await claimScheduledRun(db, 'another-job', 60_000)).toBe(true);

    // The interval passes (the stored start moves back instead of the test sleeping).
    await db.query(
      `UPDATE scheduled_runs SET last_started_at = clock_timestamp() - interval '61 seconds'
        WHERE name = 'health-probes'`,
    );
    const next = await Promise.all(
      Array.from({ length: 8 }, () => claimScheduledRun(db, 'health-probes', 60_000)),
    );
    expect(next.filter(Boolean)).toHaveLength(1);
  });
});
