/** HTTP of the matching: run it (staff) and read the latest result (staff: all; students: own). */
import { type PhaseModuleDeps, serveRoute } from '@coursekit/phase-sdk/server';
import type { FastifyInstance } from 'fastify';
import { routes } from '../../../../shared/contract.js';
import { AssignmentService } from './AssignmentService.js';

export async function assignmentRoutes(app: FastifyInstance, { db }: PhaseModuleDeps) {
  const assignments = new AssignmentService(db);

  serveRoute(app, routes.runMatching, ({ caller }) => assignments.run(caller));
  serveRoute(app, routes.getAssignments, ({ caller }) => assignments.view(caller));
}
