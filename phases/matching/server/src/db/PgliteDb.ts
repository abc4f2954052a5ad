/**
 * The embedded database: PGlite (PostgreSQL compiled to WebAssembly) in a folder, or in memory with
 * `memory://`. It has a single connection, so statements and transactions are queued: a
 * transaction never interleaves with other work, which is also what makes ours serializable here.
 */
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import type { Db, Queryable, SqlValue } from './Db.js';

export class PgliteDb implements Db {
  readonly kind = 'pglite';
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(private readonly pg: PGlite) {}

  static async open(dataDir: string): Promise<PgliteDb> {
    if (!dataDir.includes('://')) mkdirSync(dataDir, { recursive: true });
    const pg = new PGlite(dataDir);
    await pg.waitReady;
    return new PgliteDb(pg);
  }

  async query<Row>(sql: string, params: readonly SqlValue[] = []): Promise<Row[]> {
    const result = await this.serialize(() => this.pg.query<Row>(sql, [...params]));
    return result.rows;
  }

  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
    return this.serialize(() =>
      this.pg.transaction(async (tx) =>
        work({
          query: async <Row>(sql: string, params: readonly SqlValue[] = []) =>
            (await tx.query<Row>(sql, [...params])).rows,
        }),
      ),
    );
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
