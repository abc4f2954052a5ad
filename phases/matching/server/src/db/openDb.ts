/** Open the configured database (PostgreSQL with a URL, else PGlite) and bring its schema up to date. */
import type { Db } from './Db.js';
import { migrate } from './migrate.js';
import { PgliteDb } from './PgliteDb.js';
import { PostgresDb } from './PostgresDb.js';

export interface DbOptions {
  databaseUrl?: string | undefined;
  /** PGlite's folder, or `memory://`; used when there is no `databaseUrl`. */
  dataDir?: string | undefined;
}

export async function openDb(options: DbOptions): Promise<Db> {
  const db = options.databaseUrl
    ? await PostgresDb.open(options.databaseUrl)
    : await PgliteDb.open(options.dataDir ?? 'memory://');
  try {
    await migrate(db);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}
