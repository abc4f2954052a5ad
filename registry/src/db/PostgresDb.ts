/** A PostgreSQL server through a `pg` connection pool (`DATABASE_URL`). */
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
    const client = await pool.connect();
    client.release();
    return new PostgresDb(pool);
  }

  async query<Row>(sql: string, params: readonly SqlValue[] = []): Promise<Row[]> {
    const result = await this.pool.query(sql, params as unknown[]);
    return result.rows as Row[];
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

  /** The pool's connections right now, for the metrics. */
  poolStats(): { total: number; idle: number; waiting: number } {
    return {
      total: this.pool.totalCount,
      idle: this.pool.idleCount,
      waiting: this.pool.waitingCount,
    };
  }

  async exec(sql: string): Promise<void> {
    await this.pool.query(sql);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
