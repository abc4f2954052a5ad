/**
 * Phase-load telemetry: `POST /api/phase-loads` (any signed-in user; what their host saw) and
 * `GET /api/admin/phase-loads` (admins; aggregated per phase version, outcome and stage). Each
 * accepted report also counts in this replica's Prometheus metrics. Reports count only for phases
 * of the user's own courses, and each user may send `PHASE_LOAD_REPORTS_PER_MINUTE` batches a
 * minute (429 beyond), so one account cannot skew what admins see.
 */
import {
  PhaseLoadReports,
  PhaseLoadStats,
  PhaseLoadStatsQuery,
  type User,
} from '@coursekit/phase-sdk/contract';
import type { Db } from '@coursekit/phase-sdk/server';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { perUserRateLimit } from '../../plugins/securityPlugin.js';
import { PhaseLoadRepository } from './phaseLoadRepository.js';

/** A page sends at most one batch a second: two busy tabs fit, a script inflating the counts does not. */
const PHASE_LOAD_REPORTS_PER_MINUTE = 120;

export async function phaseLoadRoutes(app: FastifyInstance, { db }: { db: Db }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const loads = new PhaseLoadRepository(db);

  r.post(
    '/api/phase-loads',
    {
      config: {
        access: 'signedIn',
        rateLimit: perUserRateLimit(PHASE_LOAD_REPORTS_PER_MINUTE, 'phase-load reports'),
      },
      schema: {
        tags: ['telemetry'],
        summary: 'Report how phase loads settled in this browser',
        body: PhaseLoadReports,
        response: { 202: z.object({ accepted: z.number().int() }) },
      },
    },
    async (request, reply) => {
      // `access: 'signedIn'` guarantees the user.
      const known = await loads.knownOf(request.body.reports, request.user as User);
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
