/**
 * Prometheus metrics at `/metrics` (prom-client), for one replica: request rate and latency per
 * route, phase-token issuance, gateway upstream errors per phase, the database pool, and Node's
 * own process metrics. Everything is derived from finished requests in one `onResponse` hook, so
 * feature modules stay free of metrics code. Each app gets its own prom-client `Registry`: tests
 * build several apps in one process. Set `METRICS_TOKEN` to require `Authorization: Bearer <it>`
 * (otherwise keep `/metrics` off the public Ingress, as the deployment examples do).
 */
import { timingSafeEqual } from 'node:crypto';
import type { PhaseLoadReport } from '@coursekit/phase-sdk/contract';
import { type Db, sendProblem } from '@coursekit/phase-sdk/server';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { AppError } from '../errors.js';

export interface MetricsOptions {
  db: Db;
  /** When set, `/metrics` requires this bearer token. */
  token: string | undefined;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Counts a phase load a host reported (registered versions only: bounded labels). */
    phaseLoadMetrics: { record(report: PhaseLoadReport): void };
  }
}

const TOKEN_ROUTE = '/api/course-phases/:coursePhaseId/token';
const GATEWAY_ROUTE = '/phase-api/:phase/*';

/** Duck-typed: the PostgreSQL layer exposes its pool's figures, PGlite has no pool. */
interface PoolStats {
  poolStats(): { total: number; idle: number; waiting: number };
}
const hasPoolStats = (db: Db): db is Db & PoolStats =>
  typeof (db as Partial<PoolStats>).poolStats === 'function';

export const metricsPlugin = fp(
  async (app: FastifyInstance, { db, token }: MetricsOptions) => {
    const registry = new Registry();
    registry.setDefaultLabels({ service: 'coursekit-registry' });
    collectDefaultMetrics({ register: registry });

    const duration = new Histogram({
      name: 'coursekit_http_request_duration_seconds',
      help: 'Time to answer a request, by method, route pattern and status code.',
      labelNames: ['method', 'route', 'status_code'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    });
    const tokens = new Counter({
      name: 'coursekit_phase_tokens_issued_total',
      help: 'Phase tokens issued to browsers.',
      registers: [registry],
    });
    const upstreamErrors = new Counter({
      name: 'coursekit_gateway_upstream_errors_total',
      help: 'Gateway answers 502/504 because a phase server failed, by phase and status.',
      labelNames: ['phase', 'status_code'],
      registers: [registry],
    });
    const phaseLoads = new Counter({
      name: 'coursekit_phase_loads_total',
      help: 'Phase loads reported by hosts, by phase, version, outcome and failure stage.',
      labelNames: ['phase', 'version', 'outcome', 'stage'],
      registers: [registry],
    });
    const phaseLoadSeconds = new Histogram({
      name: 'coursekit_phase_load_duration_seconds',
      help: 'Time from a phase load’s start to its end in hosts, by phase and outcome.',
      labelNames: ['phase', 'outcome'],
      buckets: [0.1, 0.25, 0.5, 1, 2, 4, 8, 16, 32],
      registers: [registry],
    });
    app.decorate('phaseLoadMetrics', {
      record(report: PhaseLoadReport) {
        const { phase, version, outcome } = report;
        phaseLoads.inc({ phase, version, outcome, stage: report.stage ?? '' });
        phaseLoadSeconds.observe({ phase, outcome }, report.durationMs / 1000);
      },
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

    app.addHook('onResponse', async (request, reply) => {
      // Unmatched URLs share one label: raw paths would let any client grow the series without bound.
      const route = request.routeOptions.url ?? 'unmatched';
      const status = reply.statusCode;
      duration.observe(
        { method: request.method, route, status_code: String(status) },
        reply.elapsedTime / 1000,
      );
      if (route === TOKEN_ROUTE && status === 200) tokens.inc();
      if (route === GATEWAY_ROUTE && (status === 502 || status === 504)) {
        const phase = (request.params as { phase?: string }).phase ?? 'unknown';
        upstreamErrors.inc({ phase, status_code: String(status) });
      }
    });

    const expected = token ? Buffer.from(`Bearer ${token}`) : undefined;
    app.get(
      '/metrics',
      { config: { access: 'public' }, schema: { hide: true } },
      async (request, reply) => {
        if (expected) {
          const given = Buffer.from(request.headers.authorization ?? '');
          if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
            return sendProblem(
              reply,
              new AppError(
                'CK_UNAUTHENTICATED',
                'The metrics need the bearer token set in METRICS_TOKEN.',
              ),
              request,
            );
          }
        }
        return reply
          .header('cache-control', 'no-store')
          .type(registry.contentType)
          .send(await registry.metrics());
      },
    );
  },
  { name: 'coursekit-metrics' },
);
