/**
 * Test databases: every server suite runs on both engines. PGlite in memory, and a throwaway
 * database on the PostgreSQL server of `TEST_DATABASE_URL` (default: the local server), dropped
 * afterwards.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Db } from '../../db/Db.js';
import { openDb } from '../../db/openDb.js';

export type Engine = 'pglite' | 'postgres';
export const ENGINES: Engine[] = ['pglite', 'postgres'];

export const TEST_DATABASE_URL =
  process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `The PostgreSQL tests need a server at ${TEST_DATABASE_URL}; start one or set TEST_DATABASE_URL: ${(error as Error).message}`,
    );
  }
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export interface TestDb {
  db: Db;
  drop(): Promise<void>;
}

export async function createTestDb(engine: Engine): Promise<TestDb> {
  if (engine === 'pglite') {
    const db = await openDb({ dataDir: 'memory://' });
    return { db, drop: () => db.close() };
  }
  const name = `ck_phase_test_${randomBytes(6).toString('hex')}`;
  await admin((client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  const db = await openDb({ databaseUrl: url.href });
  return {
    db,
    drop: async () => {
      await db.close();
      await admin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}
