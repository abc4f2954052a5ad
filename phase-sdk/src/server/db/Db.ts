/**
 * The data layer of Coursekit's servers (the registry and every phase server): a small interface
 * over PostgreSQL that PGlite (embedded, the default) and a PostgreSQL server (`DATABASE_URL`) both
 * implement, so every query and migration runs unchanged on either. Repositories take a
 * `Queryable`, so the same code runs inside or outside a transaction.
 */
export type SqlValue = string | number | boolean | null | Date | Uint8Array | SqlValue[] | object;

export interface Queryable {
  /** Run one statement with `$1`-style parameters and return its rows. */
  query<Row = Record<string, unknown>>(sql: string, params?: readonly SqlValue[]): Promise<Row[]>;
}

export interface Db extends Queryable {
  /** Run `work` in one transaction: it commits when `work` resolves and rolls back when it throws. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Run a multi-statement SQL script without parameters. */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
  readonly kind: 'pglite' | 'postgres';
  /** The pool's connections right now (PostgreSQL only), for metrics. */
  poolStats?(): { total: number; idle: number; waiting: number };
}
