/** HTTP of rankings: a student's own (`/rankings/me`) and, for staff, everyone's (`/rankings`). */
import { type PhaseModuleDeps, serveRoute } from '@coursekit/phase-sdk/server';
import type { FastifyInstance } from 'fastify';
import { routes } from '../../../../shared/contract.js';
import { RankingService } from './RankingService.js';

export async function rankingRoutes(app: FastifyInstance, { db }: PhaseModuleDeps) {
  const rankings = new RankingService(db);

  serveRoute(app, routes.getMyRanking, ({ caller }) => rankings.mine(caller));
  serveRoute(app, routes.saveMyRanking, ({ caller, body }) => rankings.save(caller, body));
  serveRoute(app, routes.listRankings, async ({ caller }) => ({
    rankings: await rankings.list(caller),
  }));
}
