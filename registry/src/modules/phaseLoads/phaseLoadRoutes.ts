/**
 * Phase-load telemetry: `POST /api/phase-loads` (any signed-in user; what their host saw) and
 * `GET /api/admin/phase-loads` (admins; aggregated per phase version, outcome and stage). Each
 * accepted report also counts in this replica's Prometheus metrics.
 */
import {
  PhaseLoadReports,
  PhaseLoadStats,
  PhaseLoadStatsQuery,
} from '@coursekit/phase-sdk/contract';
import type { Db } from '@coursekit/phase-sdk/server';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PhaseLoadRepository } from './phaseLoadRepository.js';

export async function phaseLoadRoutes(app: FastifyInstance, { db }: { db: Db }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const loads = new PhaseLoadRepository(db);

  r.post(
    '/api/phase-loads',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['telemetry'],
        summary: 'Report how phase loads settled in this browser',
        body: PhaseLoadReports,
        response: { 202: z.object({ accepted: z.number().int() }) },
      },
    },
    async (request, reply) => {
      const known = await loads.knownOf(request.body.reports);
      if (known.length) await loads.add(known);
      for (const report of known) app.phaseLoadMetrics.record(report);
      return reply.code(202).send({ accepted: known.length });
    },
  );

  r.get(
    '/api/admin/phase-loads',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['telemetry'],
        summary: 'Phase loads per phase version, outcome and stage',
        querystring: PhaseLoadStatsQuery,
        response: { 200: PhaseLoadStats },
      },
    },
    async (request) => ({ items: await loads.stats(request.query) }),
  );
}
