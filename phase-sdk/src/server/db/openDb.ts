/**
 * Open the configured database (a PostgreSQL server with a URL, else PGlite) and bring its schema
 * up to date. The engine's driver is imported only here, on demand, so a server needs only the one
 * it uses (`pg` or `@electric-sql/pglite`) and nothing of it reaches a browser bundle.
 */
import type { Db } from './Db.js';
import { listMigrations, type MigrationOptions, migrate } from './migrate.js';

export interface DbOptions {
  /** A PostgreSQL server's URL; when absent, PGlite. */
  databaseUrl?: string | undefined;
  /** PGlite's folder; absent or `memory://` keeps it in memory. */
  dataDir?: string | undefined;
  /** Migrations to apply before the database is handed out. */
  migrations?: MigrationOptions;
}

async function load<T>(driver: string, open: () => Promise<T>): Promise<T> {
  try {
    return await open();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND') {
      throw new Error(
        `The database driver "${driver}" is not installed; add it to this server's dependencies (npm install ${driver}).`,
        { cause: error },
      );
    }
    throw error;
  }
}

/**
 * @example
 * const db = await openDb({ databaseUrl: process.env.DATABASE_URL, dataDir: '.coursekit/db',
 *   migrations: { dir: 'migrations' } });
 */
export async function openDb(options: DbOptions): Promise<Db> {
  const { databaseUrl } = options;
  // A missing migrations folder is a mistake to report before a database is opened.
  if (options.migrations) await listMigrations(options.migrations.dir);
  const db: Db = databaseUrl
    ? await (await load('pg', () => import('./PostgresDb.js'))).PostgresDb.open(databaseUrl)
    : await (await load('@electric-sql/pglite', () => import('./PgliteDb.js'))).PgliteDb.open(
        options.dataDir,
      );
  if (!options.migrations) return db;
  try {
    await migrate(db, options.migrations);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}
