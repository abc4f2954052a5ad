/**
 * Versioned SQL migrations from `server/migrations/NNNN_name.sql`, applied in order, each once, all
 * in one transaction under an advisory lock, so replicas starting together do not race. They and
 * their bookkeeping table live in the phase's own PostgreSQL schema (`matching`), which keeps
 * this server's tables apart from the registry's and other phases' in a shared database.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../packageRoot.js';
import type { Db } from './Db.js';

export const DB_SCHEMA = 'matching';
export const MIGRATIONS_DIR = join(PACKAGE_ROOT, 'server', 'migrations');

/** Apply the migrations not applied yet; returns their file names. */
export async function migrate(db: Db, dir: string = MIGRATIONS_DIR): Promise<string[]> {
  const files = (await readdir(dir)).filter((file) => /^\d{4}_[\w-]+\.sql$/.test(file)).sort();
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`${DB_SCHEMA}.migrations`]);
    await tx.query(`CREATE SCHEMA IF NOT EXISTS ${DB_SCHEMA}`);
    await tx.query(
      `CREATE TABLE IF NOT EXISTS ${DB_SCHEMA}.schema_migrations (
         version text PRIMARY KEY,
         applied_at timestamptz NOT NULL DEFAULT now()
       )`,
    );
    const applied = new Set(
      (
        await tx.query<{ version: string }>(`SELECT version FROM ${DB_SCHEMA}.schema_migrations`)
      ).map((row) => row.version),
    );
    const done: string[] = [];
    for (const file of files) {
      if (applied.has(file)) continue;
      for (const statement of splitStatements(await readFile(join(dir, file), 'utf8'))) {
        await tx.query(statement);
      }
      await tx.query(`INSERT INTO ${DB_SCHEMA}.schema_migrations (version) VALUES ($1)`, [file]);
      done.push(file);
    }
    return done;
  });
}

/** Split a script into statements on `;` at line ends, dropping `--` comment lines. */
export function splitStatements(sql: string): string[] {
  return sql
    .replace(/^\s*--.*$/gm, '')
    .split(/;\s*$/m)
    .map((statement) => statement.trim())
    .filter(Boolean);
}
