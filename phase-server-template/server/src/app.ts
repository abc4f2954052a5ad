/**
 * `buildServer` assembles this phase's server and never listens: tests drive it with
 * `app.inject()`, `server.ts` listens. The order matters: errors first (so every failure is
 * problem+json), then CORS (so browsers' preflights are answered before any token check), then the
 * SDK's `coreAuthPlugin` (every route needs a valid phase token unless it is marked public), then
 * the OpenAPI document and the feature modules.
 */
import { SDK_VERSION } from '@coursekit/phase-sdk/contract';
import { coreAuthPlugin, refuseOversizedBody } from '@coursekit/phase-sdk/server';
import fastifyCors from '@fastify/cors';
import fastifySwagger from '@fastify/swagger';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Config } from './config.js';
import type { Db } from './db/Db.js';
import { healthRoutes, type Readiness } from './modules/health/healthRoutes.js';
import { noteRoutes } from './modules/notes/noteRoutes.js';
import { problemPlugin } from './plugins/problemPlugin.js';

export interface ServerDeps {
  config: Config;
  db: Db;
  /** Shared with `server.ts`, which flips it when listening and when shutting down. */
  readiness?: Readiness;
}

export async function buildServer({
  config,
  db,
  readiness = { ready: true },
}: ServerDeps): Promise<FastifyInstance> {
  const app = Fastify({
    // Structured JSON logs (pino); request logs carry method, URL and status, never the token.
    logger: { level: config.logLevel },
    bodyLimit: 100_000,
    // Behind the registry's gateway or a load balancer: take the client address from X-Forwarded-*.
    trustProxy: true,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // The API speaks JSON only: a text body gets 415 rather than being half-validated.
  app.removeContentTypeParser('text/plain');

  await app.register(problemPlugin);
  // A body over the limit is answered 413 and read to its end, so the caller (the core's gateway
  // included) gets the 413 rather than a reset connection.
  app.addHook('onRequest', refuseOversizedBody());

  // When the host calls this server on its own origin (not through the gateway), the browser
  // needs CORS. Tokens travel in the Authorization header, never in cookies: no credentials.
  await app.register(fastifyCors, {
    origin: config.corsOrigins,
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ['authorization', 'content-type', 'accept'],
    maxAge: 600,
  });

  await app.register(coreAuthPlugin, {
    issuer: config.coreUrl,
    phase: config.phase,
    ...(config.jwksUrl ? { jwksUrl: config.jwksUrl } : {}),
  });

  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: `Coursekit phase server: ${config.phase}`,
        version: SDK_VERSION,
        description:
          'Every route except the health checks needs `Authorization: Bearer <phase token>`; through the core it is served under `/phase-api/<phase>/`.',
      },
      components: {
        securitySchemes: { phaseToken: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      },
      security: [{ phaseToken: [] }],
    },
    transform: jsonSchemaTransform,
  });
  app.get('/openapi.json', { config: { public: true }, schema: { hide: true } }, async () =>
    app.swagger(),
  );

  await app.register(healthRoutes, { db, readiness });
  await app.register(noteRoutes, { db });
  return app;
}
