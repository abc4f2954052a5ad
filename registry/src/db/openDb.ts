/** Open the configured database and bring its schema up to date. */
import type { Db } from './Db.js';
import { migrate } from './migrate.js';
import { PgliteDb } from './PgliteDb.js';
import { PostgresDb } from './PostgresDb.js';

export interface DbOptions {
  /** PostgreSQL server URL; when absent, PGlite in `dataDir` (or in memory). */
  databaseUrl?: string | undefined;
  dataDir?: string | undefined;
}

export async function openDb(options: DbOptions): Promise<Db> {
  const db = options.databaseUrl
    ? await PostgresDb.open(options.databaseUrl)
    : await PgliteDb.open(options.dataDir);
  try {
    await migrate(db);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}
