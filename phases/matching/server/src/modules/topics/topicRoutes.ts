/**
 * HTTP of topics. Each route takes its method, path, roles and schemas from the shared contract,
 * so the server validates exactly what the remote's client sends; `coreAuthPlugin` checks the
 * token and the roles before the handler runs.
 */
import { coreIdentity } from '@coursekit/phase-sdk/server';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { routes } from '../../../../shared/contract.js';
import type { Db } from '../../db/Db.js';
import { problemResponses } from '../../problemResponses.js';
import { TopicService } from './TopicService.js';

export async function topicRoutes(app: FastifyInstance, { db }: { db: Db }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const topics = new TopicService(db);
  const tags = ['topics'];
  const { listTopics, createTopic, updateTopic, deleteTopic } = routes;

  r.get(
    listTopics.path,
    {
      schema: {
        tags,
        summary: listTopics.summary,
        response: { 200: listTopics.response, ...problemResponses },
      },
    },
    async (request) => ({ topics: await topics.list(coreIdentity(request)) }),
  );

  r.post(
    createTopic.path,
    {
      config: { roles: createTopic.roles },
      schema: {
        tags,
        summary: createTopic.summary,
        body: createTopic.body,
        response: { 201: createTopic.response, ...problemResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await topics.create(coreIdentity(request), request.body)),
  );

  r.patch(
    updateTopic.path,
    {
      config: { roles: updateTopic.roles },
      schema: {
        tags,
        summary: updateTopic.summary,
        params: updateTopic.params,
        body: updateTopic.body,
        response: { 200: updateTopic.response, ...problemResponses },
      },
    },
    async (request) => topics.update(coreIdentity(request), request.params.topicId, request.body),
  );

  r.delete(
    deleteTopic.path,
    {
      config: { roles: deleteTopic.roles },
      schema: {
        tags,
        summary: deleteTopic.summary,
        params: deleteTopic.params,
        response: { 204: z.null().describe('Deleted.'), ...problemResponses },
      },
    },
    async (request, reply) => {
      await topics.delete(coreIdentity(request), request.params.topicId);
      return reply.code(204).send(null);
    },
  );
}
