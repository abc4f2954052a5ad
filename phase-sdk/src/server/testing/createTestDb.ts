/**
 * Test databases: every server suite can run on both engines. PGlite in memory, and a throwaway
 * database on the PostgreSQL server of `TEST_DATABASE_URL` (default: the local server), dropped
 * afterwards. Used by the registry's tests and by every phase server's.
 */
import { randomBytes } from 'node:crypto';
import type { Db } from '../db/Db.js';
import type { MigrationOptions } from '../db/migrate.js';
import { openDb } from '../db/openDb.js';

export type Engine = 'pglite' | 'postgres';
export const ENGINES: readonly Engine[] = ['pglite', 'postgres'];

export const TEST_DATABASE_URL =
  process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDb {
  db: Db;
  /** The URL of the throwaway PostgreSQL database; `undefined` on PGlite. */
  url: string | undefined;
  drop(): Promise<void>;
}

async function admin<T>(
  work: (query: (sql: string) => Promise<unknown>) => Promise<T>,
): Promise<T> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `The PostgreSQL tests need a server at ${TEST_DATABASE_URL}; start one or set TEST_DATABASE_URL: ${(error as Error).message}`,
    );
  }
  try {
    return await work((sql) => client.query(sql));
  } finally {
    await client.end();
  }
}

/**
 * @example
 * const { db, drop } = await createTestDb('postgres', { dir: 'server/migrations', schema: 'notes' });
 */
export async function createTestDb(engine: Engine, migrations?: MigrationOptions): Promise<TestDb> {
  if (engine === 'pglite') {
    const db = await openDb({ migrations });
    return { db, url: undefined, drop: () => db.close() };
  }
  const name = `ck_test_${randomBytes(6).toString('hex')}`;
  await admin((query) => query(`CREATE DATABASE ${name}`));
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  let db: Db;
  try {
    db = await openDb({ databaseUrl: url.href, migrations });
  } catch (error) {
    await admin((query) => query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    throw error;
  }
  return {
    db,
    url: url.href,
    drop: async () => {
      await db.close();
      await admin((query) => query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}
