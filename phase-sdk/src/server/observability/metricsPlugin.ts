/**
 * Prometheus metrics at `/metrics` (prom-client), for one process, shared by the registry and every
 * phase server: request rate and latency per route pattern, the PostgreSQL pool, and Node's own
 * process metrics. Everything is derived from finished requests in one `onResponse` hook, so feature
 * modules stay free of metrics code; a server adds its own series on `app.metrics.registry`. Each
 * app gets its own prom-client `Registry` (tests build several apps in one process). With `token`
 * set, `/metrics` needs `Authorization: Bearer <token>` (otherwise keep it off the public Ingress).
 */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { Db } from '../db/Db.js';
import { ProblemError } from '../problem/ProblemError.js';
import { sendProblem } from '../problem/problemPlugin.js';

export interface MetricsPluginOptions {
  /** The `service` label of every series, e.g. `coursekit-registry` or `phase-matching`. */
  service: string;
  db: Db;
  /** When set, `/metrics` requires this bearer token (`METRICS_TOKEN`). */
  token: string | undefined;
  /** The route config of `/metrics` that marks it public for the server's auth layer. */
  routeConfig: Record<string, unknown>;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** This app's Prometheus registry: register a server's own series on it. */
    metrics: { registry: Registry };
  }
}

/** Duck-typed: the PostgreSQL layer exposes its pool's figures, PGlite has no pool. */
interface PoolStats {
  poolStats(): { total: number; idle: number; waiting: number };
}
const hasPoolStats = (db: Db): db is Db & PoolStats =>
  typeof (db as Partial<PoolStats>).poolStats === 'function';

export const metricsPlugin = fp(
  async (app: FastifyInstance, { service, db, token, routeConfig }: MetricsPluginOptions) => {
    const registry = new Registry();
    registry.setDefaultLabels({ service });
    collectDefaultMetrics({ register: registry });
    app.decorate('metrics', { registry });

    const duration = new Histogram({
      name: 'coursekit_http_request_duration_seconds',
      help: 'Time to answer a request, by method, route pattern and status code.',
      labelNames: ['method', 'route', 'status_code'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    });
    new Gauge({
      name: 'coursekit_db_pool_connections',
      help: 'PostgreSQL pool connections by state (absent on PGlite).',
      labelNames: ['state'],
      registers: [registry],
      collect() {
        if (!hasPoolStats(db)) return;
        const stats = db.poolStats();
        this.set({ state: 'total' }, stats.total);
        this.set({ state: 'idle' }, stats.idle);
        this.set({ state: 'waiting' }, stats.waiting);
      },
    });

    app.addHook('onResponse', (request, reply, done) => {
      // Unmatched URLs share one label: raw paths would let any client grow the series without bound.
      const route = request.routeOptions.url ?? 'unmatched';
      duration.observe(
        { method: request.method, route, status_code: String(reply.statusCode) },
        reply.elapsedTime / 1000,
      );
      done();
    });

    const expected = token ? Buffer.from(`Bearer ${token}`) : undefined;
    app.get('/metrics', { config: routeConfig, schema: { hide: true } }, async (request, reply) => {
      if (expected) {
        const given = Buffer.from(request.headers.authorization ?? '');
        if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
          return sendProblem(
            reply,
            new ProblemError({
              code: 'CK_UNAUTHENTICATED',
              status: 401,
              title: 'Sign in first',
              detail: 'The metrics need the bearer token set in METRICS_TOKEN.',
            }),
            request,
          );
        }
      }
      return reply
        .header('cache-control', 'no-store')
        .type(registry.contentType)
        .send(await registry.metrics());
    });
  },
  { name: 'coursekit-metrics' },
);
