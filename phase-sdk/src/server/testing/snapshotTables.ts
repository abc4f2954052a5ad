/**
 * A fingerprint of what a database stores, for tests that must prove a refused request wrote
 * nothing: one hash per table of a schema, taken in a single query, so a test can compare the
 * state before and after every request and name the table that changed.
 */
import type { Db } from '../db/Db.js';

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * A function that fingerprints every table of `schema` but those named in `except` (listed once,
 * at the first call).
 *
 * @example
 * const snapshot = snapshotTables(db, { except: ['sessions'] });
 * const before = await snapshot();
 * // … a request that must not write …
 * expect(await snapshot()).toEqual(before);
 */
export function snapshotTables(
  db: Db,
  options: { schema?: string; except?: readonly string[] } = {},
): () => Promise<Record<string, string>> {
  const schema = options.schema ?? 'public';
  const except = new Set(options.except ?? []);
  let listed: Promise<{ tables: string[]; sql: string }> | undefined;
  const list = async () => {
    const tables = (
      await db.query<{ name: string }>(
        `SELECT table_name AS name FROM information_schema.tables
         WHERE table_schema = $1 AND table_type = 'BASE TABLE' ORDER BY 1`,
        [schema],
      )
    )
      .map((table) => table.name)
      .filter((name) => !except.has(name));
    const sql = `SELECT ${tables
      .map(
        (name, index) =>
          `(SELECT md5(coalesce(string_agg(x::text, ',' ORDER BY x::text), '')) FROM ${quoted(schema)}.${quoted(name)} x) AS t${index}`,
      )
      .join(', ')}`;
    return { tables, sql };
  };
  return async () => {
    listed ??= list();
    const { tables, sql } = await listed;
    if (tables.length === 0) return {};
    const [row] = await db.query<Record<string, string>>(sql);
    return Object.fromEntries(tables.map((name, index) => [name, row?.[`t${index}`] ?? '']));
  };
}
