/**
 * A `@fastify/rate-limit` store in the registry's database, so every replica counts against one
 * limit: with counters in each process's memory, N replicas behind a load balancer would let a
 * client try N times the limit. One statement increments a key's counter (starting a new window
 * when the old one has run out) and returns the count with the window's remaining time, so two
 * replicas counting the same key at once never lose an increment. Expired rows are swept by the
 * replica that happens to count the hundredth attempt after a sweep.
 *
 * Chosen over a Redis store because every Coursekit deployment already has PostgreSQL (or PGlite)
 * and sign-in is rare enough that a row write per attempt costs nothing; a deployment that
 * rate-limits hot routes later can pass `@fastify/rate-limit`'s Redis store instead.
 */
import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { Db } from '../db/Db.js';

const SWEEP_EVERY = 100;

const INCREMENT = `
  INSERT INTO rate_limit_counters AS c (key, count, expires_at)
    VALUES ($1, 1, clock_timestamp() + make_interval(secs => $2::double precision / 1000))
  ON CONFLICT (key) DO UPDATE SET
    count = CASE WHEN c.expires_at <= clock_timestamp() THEN 1 ELSE c.count + 1 END,
    expires_at = CASE WHEN c.expires_at <= clock_timestamp() THEN excluded.expires_at ELSE c.expires_at END
  RETURNING count AS current,
    greatest(0, ceil(extract(epoch FROM expires_at - clock_timestamp()) * 1000))::integer AS ttl`;

class DatabaseRateLimitStore implements FastifyRateLimitStore {
  constructor(
    private readonly db: Db,
    /** Keys of a route's limit start with its method and URL, so routes count apart. */
    private readonly prefix: string,
    private readonly sweeps: { attempts: number },
  ) {}

  incr(key: string, callback: Parameters<FastifyRateLimitStore['incr']>[1], timeWindow: number) {
    if (++this.sweeps.attempts >= SWEEP_EVERY) this.sweep();
    this.db
      .query<{ current: number; ttl: number }>(INCREMENT, [`${this.prefix}${key}`, timeWindow])
      .then(
        ([row]) => callback(null, { current: row?.current ?? 1, ttl: row?.ttl ?? timeWindow }),
        (error: Error) => callback(error),
      );
  }

  child(routeOptions: Parameters<FastifyRateLimitStore['child']>[0]): FastifyRateLimitStore {
    // The plugin passes the route as `routeInfo` (its types do not say so; its Redis store reads it).
    const { routeInfo } = routeOptions as unknown as {
      routeInfo: { method?: unknown; url?: unknown };
    };
    return new DatabaseRateLimitStore(
      this.db,
      `${this.prefix}${String(routeInfo.method)}:${String(routeInfo.url)}:`,
      this.sweeps,
    );
  }

  private sweep(): void {
    this.sweeps.attempts = 0;
    this.db
      .query('DELETE FROM rate_limit_counters WHERE expires_at < clock_timestamp()')
      .catch(() => {
        // A failed sweep is retried by the next one; counting goes on regardless.
      });
  }
}

/** The store class `@fastify/rate-limit` constructs (it passes only its options), bound to `db`. */
export function databaseRateLimitStore(db: Db): FastifyRateLimitStoreCtor {
  const sweeps = { attempts: 0 };
  return class extends DatabaseRateLimitStore {
    constructor() {
      super(db, '', sweeps);
    }
  };
}
