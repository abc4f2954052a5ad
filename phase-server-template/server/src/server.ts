/**
 * This phase's server: its own modules on the SDK's phase-server kit, which brings configuration
 * (see the README), the database and migrations from `server/migrations`, problem+json errors,
 * health checks, OpenAPI, CORS, phase-token checks, logs and graceful shutdown. `npm run serve`
 * runs this file; tests build the same server with `createTestPhaseServer`.
 */
import { createPhaseServer } from '@coursekit/phase-sdk/server';
import { noteRoutes } from './modules/notes/noteRoutes.js';

export const server = createPhaseServer({
  entry: import.meta.url,
  port: 4190,
  coreUrl: 'http://localhost:4000', // the core whose tokens it trusts, unless CORE_URL says otherwise
  modules: [noteRoutes],
});

await server.runIfMain();
