/** Regression: `npm start` on a fresh clone crashed because `.coursekit/` did not exist yet. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDb } from '../openDb.js';

const root = mkdtempSync(join(tmpdir(), 'ck-pglite-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('PGlite on disk', () => {
  it('regression: opens in a data folder whose parents do not exist yet', async () => {
    const db = await openDb({ dataDir: join(root, 'fresh-clone', '.coursekit', 'db') });
    try {
      const [row] = await db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM schema_migrations',
      );
      expect(row?.n).toBeGreaterThan(0);
    } finally {
      await db.close();
    }
  });
});
