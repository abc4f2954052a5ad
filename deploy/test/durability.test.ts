/**
 * Durability of one registry: `kill -9` during a storage write load loses no acknowledged write,
 * on PGlite (its data folder) and on PostgreSQL; and a `pg_dump` of a running registry's database,
 * restored into a fresh database, is served by a new registry as it was.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoursekitClient, LECTURER, STUDENTS } from './support/CoursekitClient.js';
import {
  createDatabase,
  freePort,
  type Replica,
  startRegistry,
  waitReady,
} from './support/processes.js';
import { ownDocuments, startWriteLoad, storedCounters } from './support/writeLoad.js';

const run = promisify(execFile);

describe.each(['pglite', 'postgres'] as const)('kill -9 of the registry on %s', (engine) => {
  let dir: string;
  let database: { url: string; drop(): Promise<void> } | undefined;
  let registry: Replica;
  let port: number;
  let client: CoursekitClient;

  const start = (name: string) =>
    startRegistry({
      name,
      port,
      publicUrl: client.entry,
      dataDir: dir,
      ...(database ? { databaseUrl: database.url } : {}),
    });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), `ck-durability-${engine}-`));
    if (engine === 'postgres') database = await createDatabase();
    port = await freePort();
    client = new CoursekitClient(`http://127.0.0.1:${port}`);
    registry = start('registry');
    await waitReady(`${registry.origin}/readyz`, registry);
  });
  afterAll(async () => {
    await registry?.stop();
    await database?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('loses no acknowledged write', async () => {
    const targets = await ownDocuments(client, registry.origin);
    const load = startWriteLoad(client, registry.origin, targets);
    await load.acknowledgedAtLeast(40);
    await registry.kill9();
    const told = await load.stop();

    registry = start('registry (restarted)');
    await waitReady(`${registry.origin}/readyz`, registry);
    const results = await storedCounters(client, registry.origin, told);
    for (const result of results) {
      expect(result.stored, result.path).toBeGreaterThanOrEqual(result.acknowledged);
      expect(result.stored, result.path).toBeLessThanOrEqual(result.attempted);
    }
    expect(results.reduce((sum, r) => sum + r.writes, 0)).toBeGreaterThanOrEqual(40);
  });
});

describe('backup and restore of PostgreSQL', () => {
  let dir: string;
  const databases: { url: string; drop(): Promise<void> }[] = [];
  const registries: Replica[] = [];

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'ck-backup-'));
  });
  afterAll(async () => {
    await Promise.all(registries.map((r) => r.stop()));
    await Promise.all(databases.map((d) => d.drop()));
    rmSync(dir, { recursive: true, force: true });
  });

  const serve = async (databaseUrl: string, seed: boolean) => {
    const port = await freePort();
    const registry = startRegistry({
      name: `registry on ${new URL(databaseUrl).pathname}`,
      port,
      databaseUrl,
      publicUrl: `http://127.0.0.1:${port}`,
      dataDir: dir,
      env: seed ? {} : { COURSEKIT_SEED: 'false' },
    });
    registries.push(registry);
    await waitReady(`${registry.origin}/readyz`, registry);
    return { registry, client: new CoursekitClient(registry.origin) };
  };

  it('restores a pg_dump into a fresh database that a new registry serves as it was', async () => {
    const original = await createDatabase();
    const restored = await createDatabase();
    databases.push(original, restored);
    const { registry, client } = await serve(original.url, true);
    const { phases } = await client.course(registry.origin);
    const path = `/api/course-phases/${phases[0]?.coursePhaseId}/data/shared`;
    const written = await client.json<{ version: number }>(registry.origin, LECTURER, path, {
      method: 'PUT',
      body: { steps: ['Backed up'] },
      headers: { 'if-match': '"0"' },
    });

    const dump = join(dir, 'coursekit.dump');
    await run('pg_dump', ['--format=custom', `--file=${dump}`, original.url]);
    await run('pg_restore', ['--no-owner', `--dbname=${restored.url}`, dump]);

    // Seeding off: everything the new registry serves comes from the dump.
    const copy = await serve(restored.url, false);
    const course = await copy.client.course(copy.registry.origin);
    expect(course.phases.map((p) => p.title)).toEqual(phases.map((p) => p.title));
    const read = await copy.client.json<{ version: number; doc: unknown }>(
      copy.registry.origin,
      LECTURER,
      path,
    );
    expect(read).toMatchObject({ version: written.version, doc: { steps: ['Backed up'] } });
    const me = await copy.client.json<{ user: { email: string } }>(
      copy.registry.origin,
      STUDENTS[0],
      '/api/me',
    );
    expect(me.user.email).toBe(STUDENTS[0]);
  });
});
