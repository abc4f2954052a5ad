/** HTTP of rankings: a student's own (`/rankings/me`) and, for staff, everyone's (`/rankings`). */
import { coreIdentity } from '@coursekit/phase-sdk/server';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { routes } from '../../../../shared/contract.js';
import type { Db } from '../../db/Db.js';
import { problemResponses } from '../../problemResponses.js';
import { RankingService } from './RankingService.js';

export async function rankingRoutes(app: FastifyInstance, { db }: { db: Db }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const rankings = new RankingService(db);
  const tags = ['rankings'];
  const { getMyRanking, saveMyRanking, listRankings } = routes;

  r.get(
    getMyRanking.path,
    {
      config: { roles: getMyRanking.roles },
      schema: {
        tags,
        summary: getMyRanking.summary,
        response: { 200: getMyRanking.response, ...problemResponses },
      },
    },
    async (request) => rankings.mine(coreIdentity(request)),
  );

  r.put(
    saveMyRanking.path,
    {
      config: { roles: saveMyRanking.roles },
      schema: {
        tags,
        summary: saveMyRanking.summary,
        body: saveMyRanking.body,
        response: { 200: saveMyRanking.response, ...problemResponses },
      },
    },
    async (request) => rankings.save(coreIdentity(request), request.body),
  );

  r.get(
    listRankings.path,
    {
      config: { roles: listRankings.roles },
      schema: {
        tags,
        summary: listRankings.summary,
        response: { 200: listRankings.response, ...problemResponses },
      },
    },
    async (request) => ({ rankings: await rankings.list(coreIdentity(request)) }),
  );
}
