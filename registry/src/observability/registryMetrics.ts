/**
 * The registry's own Prometheus series, beside the ones every Coursekit server has (request rate
 * and latency per route, the pool, process metrics: the SDK's `metricsPlugin`, registered first):
 * phase-token issuance, gateway upstream errors per phase, and phase loads reported by hosts.
 * They are derived from finished requests in one `onResponse` hook, so feature modules stay free
 * of metrics code.
 */
import type { PhaseLoadReport } from '@coursekit/phase-sdk/contract';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { Counter, Histogram } from 'prom-client';

declare module 'fastify' {
  interface FastifyInstance {
    /** Counts a phase load a host reported (registered versions only: bounded labels). */
    phaseLoadMetrics: { record(report: PhaseLoadReport): void };
  }
}

const TOKEN_ROUTE = '/api/course-phases/:coursePhaseId/token';
const GATEWAY_ROUTE = '/phase-api/:phase/*';

export const registryMetrics = fp(
  async (app: FastifyInstance) => {
    const registers = [app.metrics.registry];
    const tokens = new Counter({
      name: 'coursekit_phase_tokens_issued_total',
      help: 'Phase tokens issued to browsers.',
      registers,
    });
    const upstreamErrors = new Counter({
      name: 'coursekit_gateway_upstream_errors_total',
      help: 'Gateway answers 502/504 because a phase server failed, by phase and status.',
      labelNames: ['phase', 'status_code'],
      registers,
    });
    const phaseLoads = new Counter({
      name: 'coursekit_phase_loads_total',
      help: 'Phase loads reported by hosts, by phase, version, outcome and failure stage.',
      labelNames: ['phase', 'version', 'outcome', 'stage'],
      registers,
    });
    const phaseLoadSeconds = new Histogram({
      name: 'coursekit_phase_load_duration_seconds',
      help: 'Time from a phase load’s start to its end in hosts, by phase and outcome.',
      labelNames: ['phase', 'outcome'],
      buckets: [0.1, 0.25, 0.5, 1, 2, 4, 8, 16, 32],
      registers,
    });
    app.decorate('phaseLoadMetrics', {
      record(report: PhaseLoadReport) {
        const { phase, version, outcome } = report;
        phaseLoads.inc({ phase, version, outcome, stage: report.stage ?? '' });
        phaseLoadSeconds.observe({ phase, outcome }, report.durationMs / 1000);
      },
    });

    app.addHook('onResponse', (request, reply, done) => {
      const route = request.routeOptions.url;
      const status = reply.statusCode;
      if (route === TOKEN_ROUTE && status === 200) tokens.inc();
      if (route === GATEWAY_ROUTE && (status === 502 || status === 504)) {
        const phase = (request.params as { phase?: string }).phase ?? 'unknown';
        upstreamErrors.inc({ phase, status_code: String(status) });
      }
      done();
    });
  },
  { name: 'coursekit-registry-metrics', dependencies: ['coursekit-metrics'] },
);
