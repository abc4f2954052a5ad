/**
 * `buildServer` assembles the registry from its plugins and modules and never listens: tests call
 * `app.inject()`, `server.ts` listens. Infrastructure (errors, cookies, auth) is registered with
 * `fastify-plugin`; feature modules stay encapsulated.
 */
import { mkdirSync } from 'node:fs';
import { SDK_VERSION } from '@coursekit/phase-sdk/contract';
import {
  type Db,
  healthRoutes,
  loggerOptions,
  metricsPlugin,
  problemPlugin,
  problemServerOptions,
  type Readiness,
  refuseOversizedBody,
  requestIdOf,
  requestIdPlugin,
  withZodContract,
} from '@coursekit/phase-sdk/server';
import fastifyCookie from '@fastify/cookie';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, LogController } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { ChangeFeed } from './cache/ChangeFeed.js';
import { publishCourseChanges } from './cache/changeTopics.js';
import type { Config } from './config.js';
import { auditRoutes } from './modules/audit/auditRoutes.js';
import { authRoutes } from './modules/auth/authRoutes.js';
import { oidcRoutes } from './modules/auth/oidcRoutes.js';
import { catalogueRoutes } from './modules/catalogue/catalogueRoutes.js';
import { coursePhaseRoutes } from './modules/coursePhases/coursePhaseRoutes.js';
import { courseRoutes } from './modules/courses/courseRoutes.js';
import { gatewayRoutes } from './modules/gateway/gatewayRoutes.js';
import { phaseLoadRoutes } from './modules/phaseLoads/phaseLoadRoutes.js';
import { phaseOverrideRoutes } from './modules/phaseOverrides/phaseOverrideRoutes.js';
import { phaseTypeRoutes } from './modules/phaseTypes/phaseTypeRoutes.js';
import { openBundleStore } from './modules/publish/openBundleStore.js';
import { publishRoutes } from './modules/publish/publishRoutes.js';
import { publishingRoutes } from './modules/publishing/publishingRoutes.js';
import { releaseRoutes } from './modules/releases/releaseRoutes.js';
import { storageRoutes } from './modules/storage/storageRoutes.js';
import { type Clock, SigningKeyService } from './modules/tokens/SigningKeyService.js';
import { tokenRoutes } from './modules/tokens/tokenRoutes.js';
import { webRoutes } from './modules/web/webRoutes.js';
import { fetchPolicyOf } from './net/safeFetch.js';
import { registryMetrics } from './observability/registryMetrics.js';
import { authPlugin } from './plugins/authPlugin.js';
import { securityPlugin } from './plugins/securityPlugin.js';

declare module 'fastify' {
  interface FastifyInstance {
    changes: ChangeFeed;
  }
}

export interface ServerDeps {
  config: Config;
  db: Db;
  readiness?: Readiness;
  /** What signing-key rotation reads the time from; tests move it instead of waiting. */
  clock?: Clock;
}

export async function buildServer({
  config,
  db,
  readiness = { ready: true },
  clock = Date.now,
}: ServerDeps): Promise<FastifyInstance> {
  const app = withZodContract(
    Fastify({
      // JSON lines in production (for log shippers), readable lines in development.
      logger: loggerOptions(config.logLevel, config.logFormat),
      bodyLimit: 1_048_576,
      // One line per request is noise at info level; debug and trace keep it.
      logController: new LogController({
        disableRequestLogging: config.logLevel !== 'debug' && config.logLevel !== 'trace',
      }),
      // Forwarded headers are believed only from configured proxies (TRUST_PROXY); otherwise anyone
      // could choose their own client address and protocol.
      trustProxy: config.trustProxy,
      // Ids come from `x-request-id` when the caller (nginx, the host) started the chain.
      genReqId: requestIdOf,
      // Requests Fastify or Node refuse before any route (`GET /%`, 431, a garbage request line).
      ...problemServerOptions(),
    }),
  );

  // Caches of every replica listen here for what another replica changed.
  const changes = await ChangeFeed.open(db, config.databaseUrl, app.log);
  app.decorate('changes', changes);
  app.addHook('onClose', () => changes.close());
  // Course caches (memberships, the composition revision) are dropped after every change to them.
  app.addHook('onSend', publishCourseChanges(app));

  await app.register(problemPlugin);
  await app.register(securityPlugin, { secure: config.secureCookies, db });
  // A body over the limit is answered 413 and read to its end, so the connection survives; the
  // gateway streams its bodies to the phase server, which applies its own limit.
  app.addHook(
    'onRequest',
    refuseOversizedBody({ skip: (request) => request.routeOptions.url === '/phase-api/:phase/*' }),
  );
  await app.register(requestIdPlugin);
  await app.register(metricsPlugin, {
    service: 'coursekit-registry',
    db,
    token: config.metricsToken,
    routeConfig: { access: 'public' },
  });
  await app.register(registryMetrics);
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'Coursekit registry',
        version: SDK_VERSION,
        description: 'The Coursekit core server API.',
      },
    },
    transform: jsonSchemaTransform,
    // Schemas named with `.meta({ id })` become components; without it their `$ref`s point nowhere.
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () =>
    app.swagger(),
  );

  await app.register(fastifyCookie);
  await app.register(authPlugin, { db, config });

  await app.register(healthRoutes, { db, readiness, publicConfig: { access: 'public' } });
  await app.register(authRoutes, { config });
  if (config.auth.mode === 'oidc') await app.register(oidcRoutes, { config, db });
  await app.register(courseRoutes, { db });
  await app.register(phaseTypeRoutes, { db, fetchPolicy: fetchPolicyOf(config) });
  await app.register(coursePhaseRoutes, {
    db,
    phaseLoading: config.phaseLoading,
    fetchPolicy: fetchPolicyOf(config),
  });
  await app.register(phaseOverrideRoutes, { db, fetchPolicy: fetchPolicyOf(config) });
  await app.register(releaseRoutes, { db });
  const store = openBundleStore(config);
  app.addHook('onClose', () => store.close?.());
  await app.register(publishRoutes, { db, store, fetchPolicy: fetchPolicyOf(config) });
  await app.register(publishingRoutes);
  await app.register(auditRoutes, { db });
  await app.register(catalogueRoutes, {
    db,
    probeIntervalMs: config.healthProbeIntervalMs,
    probeFetchPolicy: { ...fetchPolicyOf(config), timeoutMs: config.healthProbeTimeoutMs },
  });
  await app.register(storageRoutes, { db });
  await app.register(phaseLoadRoutes, { db });
  const keys = new SigningKeyService(
    db,
    {
      rotationMs: config.signingKeyRotationMs,
      propagationMs: config.signingKeyPropagationMs,
    },
    changes,
    clock,
  );
  await app.register(tokenRoutes, {
    db,
    keys,
    issuer: config.publicUrl,
    ttlSeconds: config.phaseTokenTtlSeconds,
  });

  await app.register(gatewayRoutes, {
    db,
    keys,
    issuer: config.publicUrl,
    timeoutMs: config.gatewayTimeoutMs,
    fetchPolicy: fetchPolicyOf(config),
  });

  mkdirSync(config.remotesDir, { recursive: true });
  await app.register(webRoutes, {
    hostDist: config.hostDist,
    remotesDir: config.remotesDir,
    db,
    publicUrl: config.publicUrl,
  });
  return app;
}
