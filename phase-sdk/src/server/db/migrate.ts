/**
 * Versioned SQL migrations from a folder of `NNNN_name.sql` files, applied in order, each once, all
 * in one transaction under an advisory lock, so that replicas starting together do not race. The
 * same files run on PGlite and on a PostgreSQL server. A phase server keeps its tables and their
 * bookkeeping in its own PostgreSQL schema, apart from the registry's and other phases' in a shared
 * database; the registry keeps them in the default schema.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Db } from './Db.js';

export interface MigrationOptions {
  /** The folder of `NNNN_name.sql` files. */
  dir: string;
  /** The PostgreSQL schema to create and to keep `schema_migrations` in; default the search path. */
  schema?: string;
  /** The advisory lock's key; default derived from the schema's name. */
  lockKey?: number | string;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/**
 * Apply the migrations not applied yet; returns their file names.
 *
 * @example
 * await migrate(db, { dir: join(packageRoot, 'server', 'migrations'), schema: 'matching' });
 */
export async function migrate(db: Db, options: MigrationOptions): Promise<string[]> {
  const { dir, schema } = options;
  if (schema !== undefined && !IDENTIFIER.test(schema)) {
    throw new Error(
      `The migrations' schema "${schema}" is not a plain SQL identifier; use lower-case letters, digits and _.`,
    );
  }
  const files = await listMigrations(dir);
  const table = schema ? `${schema}.schema_migrations` : 'schema_migrations';
  const lockKey = options.lockKey ?? `${schema ?? 'public'}.migrations`;
  return db.transaction(async (tx) => {
    if (typeof lockKey === 'number') {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [lockKey]);
    } else {
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [lockKey]);
    }
    if (schema) await tx.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await tx.query(
      `CREATE TABLE IF NOT EXISTS ${table} (
         version text PRIMARY KEY,
         applied_at timestamptz NOT NULL DEFAULT now()
       )`,
    );
    const applied = new Set(
      (await tx.query<{ version: string }>(`SELECT version FROM ${table}`)).map(
        (row) => row.version,
      ),
    );
    const done: string[] = [];
    for (const file of files) {
      if (applied.has(file)) continue;
      for (const statement of splitStatements(await readFile(join(dir, file), 'utf8'))) {
        await tx.query(statement);
      }
      await tx.query(`INSERT INTO ${table} (version) VALUES ($1)`, [file]);
      done.push(file);
    }
    return done;
  });
}

/** The migration files of `dir`, in order; a missing folder is an error that says so. */
export async function listMigrations(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).filter((file) => /^\d{4}_[\w-]+\.sql$/.test(file)).sort();
  } catch (error) {
    throw new Error(
      `Cannot read the migrations folder ${dir}: ${(error as Error).message}. Create it (it may be empty).`,
      { cause: error },
    );
  }
}

/** Split a script into statements on `;` at line ends, dropping `--` comment lines. */
export function splitStatements(sql: string): string[] {
  return sql
    .replace(/^\s*--.*$/gm, '')
    .split(/;\s*$/m)
    .map((statement) => statement.trim())
    .filter(Boolean);
}
