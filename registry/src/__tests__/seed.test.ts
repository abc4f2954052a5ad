/**
 * The development seed publishes the sample phases through the same validation as an admin, gives
 * client-and-server phases their server, composes the sample course once, and never stops the
 * platform from starting because one sample phase is broken.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { integrityOf, ResolvedCourse } from '@coursekit/phase-sdk/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seed } from '../seed/seed.js';
import { phaseBuild, sha384 } from './support/phaseBuildServer.js';
import { createTestApp, type TestApp } from './support/testApp.js';

function distFolder(files: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'ck-seed-dist-'));
  mkdirSync(dir, { recursive: true });
  for (const [name, content] of Object.entries(files)) {
    writeFileSync(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content));
  }
  return dir;
}

describe('development seed', () => {
  let t: TestApp;
  const intro = distFolder(phaseBuild('intro-course', '1.0.0'));
  const matching = distFolder(
    phaseBuild('matching', '0.1.0', { descriptor: { kind: 'client-and-server' } }),
  );
  // A build whose manifest is missing: registration must fail, the seed must not.
  const broken = distFolder({
    'phase.json': (phaseBuild('broken-phase', '1.0.0') as Record<string, unknown>)['phase.json'],
  });

  beforeAll(async () => {
    t = await createTestApp(
      'pglite',
      {
        COURSEKIT_SEED_PHASES: [broken, intro, matching].join(','),
        COURSEKIT_SEED_PHASE_SERVERS: 'matching=http://127.0.0.1:4999',
      },
      { listen: true },
    );
    // createTestApp seeds before it listens; seed again now that the registry can fetch from itself.
    await seed(t.testDb.db, t.config, t.app.log);
  });
  afterAll(async () => t?.close());

  const resolveAsStudent = async () =>
    ResolvedCourse.parse(
      (
        await t.as('student1@coursekit.test', {
          method: 'GET',
          url: `/api/courses/${t.courseId}/phases`,
        })
      ).json(),
    );

  it('publishes and registers the sample phases, and composes the course with them', async () => {
    const course = await resolveAsStudent();
    expect(course.phases.map((p) => [p.title, p.phase])).toEqual([
      ['Welcome', 'intro-course'],
      ['Team kick-off', 'intro-course'],
      ['Project matching', 'matching'],
    ]);
    expect(course.phases[0]?.remote.entry).toBe(
      `${t.origin}/remotes/intro-course/1.0.0/mf-manifest.json`,
    );
    const manifest = await fetch(course.phases[0]?.remote.entry ?? '');
    expect(manifest.status).toBe(200);
    const versions = (
      await t.as('admin@coursekit.test', {
        method: 'GET',
        url: '/api/phase-types/matching/versions',
      })
    ).json();
    expect(versions[0]).toMatchObject({ version: '0.1.0', serverUrl: 'http://127.0.0.1:4999' });
  });

  it('resolves each phase with the integrity of the files the host loads, so it can refuse others', async () => {
    const course = await resolveAsStudent();
    const remote = course.phases[0]?.remote;
    if (!remote) throw new Error('no phase resolved');
    expect(remote.baseUrl).toBe(`${t.origin}/remotes/intro-course/1.0.0/`);
    for (const url of [remote.entry, new URL('remoteEntry.js', remote.baseUrl).href]) {
      const bytes = Buffer.from(await (await fetch(url)).arrayBuffer());
      expect(integrityOf(remote, url)).toBe(sha384(bytes));
    }
    expect(integrityOf(remote, `${remote.baseUrl}not-in-the-build.js`)).toBeUndefined();
    expect(integrityOf(remote, `${t.origin}/remotes/intro-course/remoteEntry.js`)).toBeUndefined();
  });

  it('keeps running without a sample phase it cannot register', async () => {
    const types = (
      await t.as('admin@coursekit.test', { method: 'GET', url: '/api/phase-types' })
    ).json();
    expect(
      types.find((type: { name: string }) => type.name === 'broken-phase')?.latestVersion ?? null,
    ).toBeNull();
    expect((await fetch(`${t.origin}/readyz`)).status).toBe(200);
  });

  it('moves a sample phase to the server URL it is configured with now', async () => {
    await seed(
      t.testDb.db,
      { ...t.config, seedPhaseServers: { matching: 'http://127.0.0.1:4998' } },
      t.app.log,
    );
    const versions = (
      await t.as('admin@coursekit.test', {
        method: 'GET',
        url: '/api/phase-types/matching/versions',
      })
    ).json();
    expect(versions[0]).toMatchObject({ version: '0.1.0', serverUrl: 'http://127.0.0.1:4998' });
  });

  it('is idempotent: seeding again changes no composition', async () => {
    await seed(t.testDb.db, t.config, t.app.log);
    const composition = (
      await t.as('lecturer@coursekit.test', {
        method: 'GET',
        url: `/api/courses/${t.courseId}/composition`,
      })
    ).json();
    expect(composition.phases).toHaveLength(3);
  });

  it('regression: replicas sharing a data volume seed at once without EEXIST or half-copied bundles', async () => {
    // A rebuilt sample: the descriptor differs, so every seed replaces the published copy.
    const rebuilt = distFolder(
      phaseBuild('intro-course', '1.0.0', { descriptor: { title: 'Rebuilt' } }),
    );
    const config = { ...t.config, seedPhaseDirs: [rebuilt] };
    await Promise.all(Array.from({ length: 4 }, () => seed(t.testDb.db, config, t.app.log)));
    const published = join(t.config.remotesDir, 'intro-course', '1.0.0');
    expect(readdirSync(published).sort()).toEqual(readdirSync(rebuilt).sort());
    expect(readFileSync(join(published, 'phase.json'), 'utf8')).toBe(
      readFileSync(join(rebuilt, 'phase.json'), 'utf8'),
    );
    // No staging or replaced folders are left beside it.
    expect(readdirSync(join(t.config.remotesDir, 'intro-course'))).toEqual(['1.0.0']);
  });
});
