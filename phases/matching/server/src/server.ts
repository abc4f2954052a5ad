/**
 * The matching phase's server: its modules (topics, rankings, assignments) on the SDK's
 * phase-server kit, which brings configuration, the database and migrations, problem+json errors,
 * health checks, OpenAPI, CORS, phase-token checks, logs and graceful shutdown. `npm run serve`
 * runs this file; tests build the same server with `createTestPhaseServer`.
 */
import { createPhaseServer } from '@coursekit/phase-sdk/server';
import { assignmentRoutes } from './modules/assignments/assignmentRoutes.js';
import { rankingRoutes } from './modules/rankings/rankingRoutes.js';
import { topicRoutes } from './modules/topics/topicRoutes.js';

export const server = createPhaseServer({
  entry: import.meta.url,
  port: 4102,
  modules: [topicRoutes, rankingRoutes, assignmentRoutes],
});

await server.runIfMain();
