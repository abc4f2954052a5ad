/**
 * The embedded database: PGlite (PostgreSQL compiled to WebAssembly) in a folder, or in memory
 * (no folder, or `memory://`). It has a single connection, so statements and transactions are
 * queued: a transaction never interleaves with other work, which also makes ours serializable here.
 * Loaded only when a server opens PGlite, so `@electric-sql/pglite` is an optional dependency.
 */
import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import type { Db, Queryable, SqlValue } from './Db.js';

export class PgliteDb implements Db {
  readonly kind = 'pglite';
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(private readonly pg: PGlite) {}

  /** Open (or create) the database in `dataDir`; `undefined` or `memory://` keeps it in memory. */
  static async open(dataDir?: string): Promise<PgliteDb> {
    const inMemory = !dataDir || dataDir.startsWith('memory://');
    // PGlite creates only the last folder of the path; a fresh clone has no `.coursekit/` yet.
    if (!inMemory) await mkdir(dataDir, { recursive: true });
    const pg = inMemory ? new PGlite() : new PGlite(dataDir);
    await pg.waitReady;
    return new PgliteDb(pg);
  }

  async query<Row>(sql: string, params: readonly SqlValue[] = []): Promise<Row[]> {
    const result = await this.serialize(() => this.pg.query<Row>(sql, params as unknown[]));
    return result.rows;
  }

  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
    return this.serialize(() =>
      this.pg.transaction(async (tx) =>
        work({
          query: async <Row>(sql: string, params: readonly SqlValue[] = []) =>
            (await tx.query<Row>(sql, params as unknown[])).rows,
        }),
      ),
    );
  }

  async exec(sql: string): Promise<void> {
    await this.serialize(() => this.pg.exec(sql));
  }

  async close(): Promise<void> {
    await this.queue.catch(() => {});
    await this.pg.close();
  }

  private serialize<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => {});
    return run;
  }
}
