/**
 * Opening databases: PGlite in a folder that does not exist yet (regression: `npm start` on a fresh
 * clone crashed because `.coursekit/` did not exist), migrations applied once even when two
 * servers start together, and a readable error for a folder of migrations that is missing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openDb } from '../index.js';
import { createTestDb } from '../testing/index.js';

const root = mkdtempSync(join(tmpdir(), 'ck-pglite-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const migrations = {
  dir: fileURLToPath(new URL('./fixture/server/migrations/', import.meta.url)),
  schema: 'kit_fixture',
};

describe('openDb', () => {
  it('regression: opens PGlite in a data folder whose parents do not exist yet', async () => {
    const db = await openDb({ dataDir: join(root, 'fresh-clone', '.coursekit', 'db'), migrations });
    try {
      const [row] = await db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM kit_fixture.schema_migrations',
      );
      expect(row?.n).toBe(1);
    } finally {
      await db.close();
    }
    // A first PGlite on disk runs initdb: seconds on a quiet machine, much more on a busy one.
  }, 120_000);

  it('applies each migration once when two servers migrate the same PostgreSQL database together', async () => {
    const first = await createTestDb('postgres');
    try {
      const url = first.url ?? '';
      const [a, b] = await Promise.all([
        openDb({ databaseUrl: url, migrations }),
        openDb({ databaseUrl: url, migrations }),
      ]);
      const rows = await a.query<{ version: string }>(
        'SELECT version FROM kit_fixture.schema_migrations',
      );
      expect(rows).toEqual([{ version: '0001_init.sql' }]);
      await Promise.all([a.close(), b.close()]);
    } finally {
      await first.drop();
    }
  });

  it('says which migrations folder is missing', async () => {
    await expect(openDb({ migrations: { dir: join(root, 'nowhere') } })).rejects.toThrow(
      /migrations folder .*nowhere/,
    );
  });
});
