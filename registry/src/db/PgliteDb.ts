/** The embedded database: PGlite (PostgreSQL compiled to WebAssembly), in a folder or in memory. */
import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import type { Db, Queryable, SqlValue } from './Db.js';

export class PgliteDb implements Db {
  readonly kind = 'pglite';
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(private readonly pg: PGlite) {}

  /** Open (or create) the database in `dataDir`; `undefined` keeps it in memory. */
  static async open(dataDir?: string): Promise<PgliteDb> {
    // PGlite creates only the last folder of the path; a fresh clone has no `.coursekit/` yet.
    if (dataDir) await mkdir(dataDir, { recursive: true });
    const pg = dataDir ? new PGlite(dataDir) : new PGlite();
    await pg.waitReady;
    return new PgliteDb(pg);
  }

  async query<Row>(sql: string, params: readonly SqlValue[] = []): Promise<Row[]> {
    const result = await this.serialize(() => this.pg.query<Row>(sql, params as unknown[]));
    return result.rows;
  }

  // PGlite has one connection: a transaction must not interleave with other statements, so all
  // work on it is queued. Statements inside a transaction run on its own handle.
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
