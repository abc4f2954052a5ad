/**
 * `serveRoute` serves one route of a phase's shared contract (`defineRoute`): method, path, roles,
 * schemas and success status all come from the contract that the remote's client is built from, so
 * server and client cannot disagree. The handler gets typed, validated input and the verified
 * caller, and returns the answer's body, which is checked against the contract on the way out.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { RouteContract } from '../../contract/index.js';
import { coreIdentity } from '../coreAuthPlugin.js';
import type { CoreIdentity } from '../createCoreTokenVerifier.js';
import { problemResponses } from '../problem/problemResponses.js';

type Parsed<R, K extends 'params' | 'query' | 'body'> = R extends {
  [P in K]: infer S extends z.ZodType;
}
  ? z.output<S>
  : undefined;

/** What a handler of route `R` gets. */
export interface RouteRequest<R extends RouteContract> {
  params: Parsed<R, 'params'>;
  query: Parsed<R, 'query'>;
  body: Parsed<R, 'body'>;
  /** Who is calling, from the verified phase token. */
  caller: CoreIdentity;
  request: FastifyRequest;
  reply: FastifyReply;
}

/** What a handler of route `R` returns: the answer's body (nothing for a 204 route). */
export type RouteHandler<R extends RouteContract> = (
  input: RouteRequest<R>,
) => R extends { response: infer S extends z.ZodType }
  ? Promise<z.output<S>> | z.output<S>
  : Promise<void> | void;

/** `/topics/:topicId/x` → `topics`. */
const tagOf = (path: string) => path.split('/').find((part) => part && !part.startsWith(':'));

/**
 * @example
 * serveRoute(app, routes.createNote, async ({ caller, body }) => notes.create(caller, body.text));
 */
export function serveRoute<R extends RouteContract>(
  app: FastifyInstance,
  route: R,
  handler: RouteHandler<R>,
  options: { tags?: string[] } = {},
): void {
  const status = route.status ?? 200;
  const tag = tagOf(route.path);
  // Validation and serialization come from the zod schemas (the kit's type provider); the input
  // is typed from the contract here, so the untyped route API is enough.
  app.route({
    method: route.method,
    url: route.path,
    config: route.roles ? { roles: route.roles } : {},
    schema: {
      tags: options.tags ?? (tag ? [tag] : []),
      summary: route.summary,
      ...(route.params ? { params: route.params } : {}),
      ...(route.query ? { querystring: route.query } : {}),
      ...(route.body ? { body: route.body } : {}),
      response: {
        [status]: route.response ?? z.null().describe('No content.'),
        ...problemResponses,
      },
    },
    handler: async (request, reply) => {
      const result = await handler({
        params: request.params,
        query: request.query,
        body: request.body,
        caller: coreIdentity(request),
        request,
        reply,
      } as RouteRequest<R>);
      return (reply as FastifyReply).code(status).send(route.response ? result : null);
    },
  });
}
