/**
 * A PostgreSQL server through a `pg` connection pool (`DATABASE_URL`). Several replicas of the
 * phase server can share it: nothing that another replica needs is kept in process memory.
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
      const where = new URL(connectionString);
      where.password = where.password ? '***' : '';
      throw new Error(
        `Cannot connect to PostgreSQL at ${where.href} (DATABASE_URL): ${(error as Error).message}`,
        { cause: error },
      );
    }
    return new PostgresDb(pool);
  }

  async query<Row>(sql: string, params: readonly SqlValue[] = []): Promise<Row[]> {
    return (await this.pool.query(sql, [...params])).rows as Row[];
  }

  async transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work({
        query: async <Row>(sql: string, params: readonly SqlValue[] = []) =>
          (await client.query(sql, [...params])).rows as Row[],
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

  async close(): Promise<void> {
    await this.pool.end();
  }
}
