/**
 * HTTP of topics. `serveRoute` takes each route's method, path, roles, schemas and status from the
 * shared contract, so the server validates exactly what the remote's client sends; the kit checks
 * the token and the roles before the handler runs.
 */
import { type PhaseModuleDeps, serveRoute } from '@coursekit/phase-sdk/server';
import type { FastifyInstance } from 'fastify';
import { routes } from '../../../../shared/contract.js';
import { TopicService } from './TopicService.js';

export async function topicRoutes(app: FastifyInstance, { db }: PhaseModuleDeps) {
  const topics = new TopicService(db);

  serveRoute(app, routes.listTopics, async ({ caller }) => ({ topics: await topics.list(caller) }));
  serveRoute(app, routes.createTopic, ({ caller, body }) => topics.create(caller, body));
  serveRoute(app, routes.updateTopic, ({ caller, params, body }) =>
    topics.update(caller, params.topicId, body),
  );
  serveRoute(app, routes.deleteTopic, ({ caller, params }) =>
    topics.delete(caller, params.topicId),
  );
}
