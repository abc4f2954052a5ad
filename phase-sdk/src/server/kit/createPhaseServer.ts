/**
 * The phase-server kit: `createPhaseServer` wraps a phase's own modules in everything generic a
 * Coursekit phase server needs, so that a phase's `server/src` holds only its domain. Config comes
 * from the environment; the database is PGlite or PostgreSQL, migrated from `server/migrations`
 * into the phase's own schema; every failure is problem+json; every answer has security headers; `/healthz`, `/readyz` and
 * `/openapi.json` are public; browsers on the core's origin pass CORS; every other route needs a
 * phase token (`coreAuthPlugin`); logs are JSON with the caller's request id; SIGTERM drains. A fix
 * of any of these reaches every phase with an SDK upgrade.
 */
import { realpathSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCors from '@fastify/cors';
import fastifySwagger from '@fastify/swagger';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { SDK_VERSION } from '../../contract/index.js';
import { coreAuthPlugin } from '../coreAuthPlugin.js';
import type { Db } from '../db/Db.js';
import type { MigrationOptions } from '../db/migrate.js';
import { openDb } from '../db/openDb.js';
import { metricsPlugin } from '../observability/metricsPlugin.js';
import { loggerOptions } from '../observability/serverLogging.js';
import { problemPlugin } from '../problem/problemPlugin.js';
import { problemServerOptions } from '../problem/problemServerOptions.js';
import { refuseOversizedBody } from '../refuseOversizedBody.js';
import { API_DIRECTIVES, securityHeadersPlugin } from '../security/securityHeadersPlugin.js';
import { findPhasePackage, type PhasePackage } from './findPhasePackage.js';
import { healthRoutes, type Readiness } from './healthRoutes.js';
import {
  loadPhaseServerConfig,
  type PhaseServerConfig,
  PhaseServerConfigError,
} from './loadPhaseServerConfig.js';
import { requestIdOf, requestIdPlugin } from './requestIdPlugin.js';
import { withZodContract } from './withZodContract.js';

/** What each of a phase's modules gets. */
export interface PhaseModuleDeps {
  db: Db;
  config: PhaseServerConfig;
}

/** One feature of a phase server: a Fastify plugin that serves its routes (with `serveRoute`). */
export type PhaseModule = (app: FastifyInstance, deps: PhaseModuleDeps) => Promise<void>;

export interface PhaseServerOptions {
  /** `import.meta.url` of the server entry: the kit finds the phase's package.json from it. */
  entry: string;
  /** The port to listen on unless `PHASE_SERVER_PORT` says otherwise. */
  port: number;
  /** The core's origin unless `CORE_URL` says otherwise; default `http://localhost:4000`. */
  coreUrl?: string;
  /** The phase's own modules, registered in this order. */
  modules: readonly PhaseModule[];
  /** The folder of versioned SQL migrations; default `<package>/server/migrations`. */
  migrations?: string;
  /** The PostgreSQL schema of the phase's tables; default the phase name in snake case. */
  schema?: string;
  /** The largest request body accepted, in bytes; default 100 000. */
  bodyLimit?: number;
}

export interface BuildDeps {
  config: PhaseServerConfig;
  db: Db;
  /** Shared with `start`, which flips it when listening and when shutting down. */
  readiness?: Readiness;
}

export interface RunningPhaseServer {
  app: FastifyInstance;
  config: PhaseServerConfig;
  db: Db;
  /** Stop as on SIGTERM: report not ready, finish the requests in flight, close the database. */
  stop(): Promise<void>;
}

export interface PhaseServer {
  readonly phase: string;
  readonly pkg: PhasePackage;
  readonly migrations: MigrationOptions;
  /** The configuration from `env` (default `process.env`); throws naming every bad variable. */
  loadConfig(env?: Record<string, string | undefined>): PhaseServerConfig;
  /** Assemble the Fastify app on an open database; never listens (tests use `app.inject()`). */
  build(deps: BuildDeps): Promise<FastifyInstance>;
  /** Configure, open and migrate the database, listen, and stop gracefully on SIGTERM/SIGINT. */
  start(env?: Record<string, string | undefined>): Promise<RunningPhaseServer>;
  /** `start()` when the entry is the program Node runs; a bad configuration exits with its message. */
  runIfMain(): Promise<void>;
}

/**
 * @example
 * // server/src/server.ts
 * export const server = createPhaseServer({ entry: import.meta.url, port: 4190, modules: [noteRoutes] });
 * await server.runIfMain();
 */
export function createPhaseServer(options: PhaseServerOptions): PhaseServer {
  const pkg = findPhasePackage(options.entry);
  const migrations: MigrationOptions = {
    dir: options.migrations ?? join(pkg.root, 'server', 'migrations'),
    schema: options.schema ?? pkg.phase.replaceAll('-', '_'),
  };
  const loadConfig = (env: Record<string, string | undefined> = process.env) =>
    loadPhaseServerConfig(env, { pkg, port: options.port, coreUrl: options.coreUrl });

  const build = async ({ config, db, readiness = { ready: true } }: BuildDeps) => {
    const app = withZodContract(
      Fastify({
        // Structured logs (pino; LOG_FORMAT json or pretty), every line with the request id (`reqId`);
        // request logs carry method, URL and status, never the token.
        logger: loggerOptions(config.logLevel, config.logFormat),
        bodyLimit: options.bodyLimit ?? 100_000,
        // Forwarded headers are believed only from the proxies TRUST_PROXY names (the core's gateway,
        // a load balancer); otherwise any caller could choose their own client address.
        trustProxy: config.trustProxy,
        genReqId: requestIdOf,
        // Requests Fastify or Node refuse before any route (`GET /%`, 431, a garbage request line).
        ...problemServerOptions(),
      }),
    );

    // Errors first, so every failure is problem+json; CORS before the token check, so browsers'
    // preflights are answered; then the token check for every route not marked public.
    await app.register(problemPlugin, {
      routeNotFound: (method, path) =>
        `There is no route ${method} ${path} on this phase server; /openapi.json lists them.`,
    });
    // A body over the limit is answered 413 and read to its end, so the caller (the core's gateway
    // included) gets the 413 rather than a reset connection.
    app.addHook('onRequest', refuseOversizedBody());
    await app.register(requestIdPlugin);
    // Every answer, errors included: nosniff, a policy that loads nothing and is framed nowhere, no
    // reads by other origins except through CORS. Through the core's gateway they travel along.
    await app.register(securityHeadersPlugin, {
      directives: API_DIRECTIVES,
      resourcePolicy: 'same-origin',
      secure: false,
    });
    await app.register(metricsPlugin, {
      service: `phase-${config.phase}`,
      db,
      token: config.metricsToken,
      routeConfig: { public: true },
    });
    // Tokens travel in the Authorization header, never in cookies: no credentials.
    await app.register(fastifyCors, {
      origin: config.corsOrigins,
      methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
      allowedHeaders: ['authorization', 'content-type', 'accept', 'x-request-id'],
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
      // Schemas named with `.meta({ id })` become components; without it their `$ref`s point nowhere.
      transformObject: jsonSchemaTransformObject,
    });
    app.get('/openapi.json', { config: { public: true }, schema: { hide: true } }, async () =>
      app.swagger(),
    );
    await app.register(healthRoutes, { db, readiness, publicConfig: { public: true } });
    for (const module of options.modules) await app.register(module, { db, config });
    return app;
  };

  const start = async (env?: Record<string, string | undefined>) => {
    const config = loadConfig(env);
    const db = await openDb({
      databaseUrl: config.databaseUrl,
      dataDir: config.dataDir,
      migrations,
    });
    const readiness = { ready: false };
    let app: FastifyInstance;
    try {
      app = await build({ config, db, readiness });
    } catch (error) {
      await db.close();
      throw error;
    }

    let stopping: Promise<void> | undefined;
    const stop = () => {
      stopping ??= (async () => {
        readiness.ready = false;
        app.log.info('stopping: finishing requests in flight');
        await app.close();
        await db.close();
      })();
      return stopping;
    };
    const onSignal = (signal: NodeJS.Signals) => {
      app.log.info({ signal }, 'stop requested');
      stop().then(
        () => process.exit(0),
        (error: unknown) => {
          app.log.error({ err: error }, 'unclean stop');
          process.exit(1);
        },
      );
    };
    process.once('SIGTERM', onSignal);
    process.once('SIGINT', onSignal);

    await app.listen({ port: config.port, host: config.host });
    readiness.ready = true;
    app.log.info(
      {
        phase: config.phase,
        core: config.coreUrl,
        database: config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${config.dataDir}`,
        corsOrigins: config.corsOrigins,
      },
      'phase server ready',
    );
    return { app, config, db, stop };
  };

  return {
    phase: pkg.phase,
    pkg,
    migrations,
    loadConfig,
    build,
    start,
    runIfMain: async () => {
      if (!isMain(options.entry)) return;
      try {
        await start();
      } catch (error) {
        if (!(error instanceof PhaseServerConfigError)) throw error;
        process.stderr.write(`${error.message}\n`);
        process.exit(1);
      }
    },
  };
}

/** Whether `entry` is the script Node was started with (`node server/dist/server/src/server.js`). */
function isMain(entry: string): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(entry));
  } catch {
    return false;
  }
}
