/**
 * A PostgreSQL server through a `pg` connection pool (`DATABASE_URL`). Several replicas can share
 * it: nothing that another replica needs is kept in process memory. Loaded only when a server opens
 * PostgreSQL, so `pg` is an optional dependency.
 */
import pg from 'pg';
import type { Db, Queryable, SqlValue } from './Db.js';

export class PostgresDb implements Db {
  readonly kind = 'postgres';

  private constructor(private readonly pool: pg.Pool) {}

  static async open(connectionString: string, max = 10): Promise<PostgresDb> {
    const pool = new pg.Pool({ connectionString, max });
    // An idle connection can be cut (a server restart, a failover, a dropped test database); the
    // pool replaces it on next use. Unheard, pg's 'error' event would end the whole process.
    pool.on('error', () => {});
    try {
      (await pool.connect()).release();
    } catch (error) {
      await pool.end().catch(() => {});
      throw new Error(
        `Cannot connect to PostgreSQL at ${redact(connectionString)} (DATABASE_URL): ${(error as Error).message}`,
        { cause: error },
      );
    }
    return new PostgresDb(pool);
  }

  async query<Row>(sql: string, params: readonly SqlValue[] = []): Promise<Row[]> {
    return (await this.pool.query(sql, params as unknown[])).rows as Row[];
  }

  async transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work({
        query: async <Row>(sql: string, params: readonly SqlValue[] = []) =>
          (await client.query(sql, params as unknown[])).rows as Row[],
      });
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  async exec(sql: string): Promise<void> {
    await this.pool.query(sql);
  }

  poolStats(): { total: number; idle: number; waiting: number } {
    return {
      total: this.pool.totalCount,
      idle: this.pool.idleCount,
      waiting: this.pool.waitingCount,
    };
  }

  /** Resolves once every connection is closed (`pool.end()` alone resolves before the sockets do). */
  async close(): Promise<void> {
    const open = this.pool.totalCount;
    let removed = 0;
    const closed = new Promise<void>((resolve) => {
      if (open === 0) resolve();
      this.pool.on('remove', () => {
        removed += 1;
        if (removed >= open) resolve();
      });
    });
    await this.pool.end();
    await closed;
  }
}

/** The URL without its password, for messages. */
function redact(connectionString: string): string {
  try {
    const where = new URL(connectionString);
    if (where.password) where.password = '***';
    return where.href;
  } catch {
    return '(an unparsable URL)';
  }
}
