/** HTTP of the matching: run it (staff) and read the latest result (staff: all; students: own). */
import { coreIdentity } from '@coursekit/phase-sdk/server';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { routes } from '../../../../shared/contract.js';
import type { Db } from '../../db/Db.js';
import { problemResponses } from '../../problemResponses.js';
import { AssignmentService } from './AssignmentService.js';

export async function assignmentRoutes(app: FastifyInstance, { db }: { db: Db }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const assignments = new AssignmentService(db);
  const tags = ['assignments'];
  const { runMatching, getAssignments } = routes;

  r.post(
    runMatching.path,
    {
      config: { roles: runMatching.roles },
      schema: {
        tags,
        summary: runMatching.summary,
        response: { 200: runMatching.response, ...problemResponses },
      },
    },
    async (request) => assignments.run(coreIdentity(request)),
  );

  r.get(
    getAssignments.path,
    {
      schema: {
        tags,
        summary: getAssignments.summary,
        response: { 200: getAssignments.response, ...problemResponses },
      },
    },
    async (request) => assignments.view(coreIdentity(request)),
  );
}
