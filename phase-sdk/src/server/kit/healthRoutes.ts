/**
 * `/healthz` (the process is alive) and `/readyz` (the database answers and start-up finished),
 * public so that orchestrators and the registry can probe without a token. `/readyz` answers 503
 * while the server starts or drains, so a load balancer stops sending it requests first.
 */
import type { FastifyContextConfig, FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { Health } from '../../contract/index.js';
import type { Queryable } from '../db/Db.js';

export interface Readiness {
  /** True once the server is listening (and seeded), false again while it shuts down. */
  ready: boolean;
}

export interface HealthRoutesOptions {
  db: Queryable;
  readiness: Readiness;
  /** The route config that makes a route public under this server's auth plugin. */
  publicConfig: FastifyContextConfig;
}

export async function healthRoutes(
  app: FastifyInstance,
  { db, readiness, publicConfig }: HealthRoutesOptions,
) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/healthz',
    {
      config: publicConfig,
      schema: { tags: ['health'], security: [], response: { 200: Health } },
    },
    async () => ({ status: 'ok' as const }),
  );

  r.get(
    '/readyz',
    {
      config: publicConfig,
      schema: { tags: ['health'], security: [], response: { 200: Health, 503: Health } },
    },
    async (_request, reply) => {
      let database: 'ok' | 'failing' = 'ok';
      try {
        await db.query('SELECT 1');
      } catch {
        database = 'failing';
      }
      const startup = readiness.ready ? 'ok' : 'failing';
      const ok = database === 'ok' && startup === 'ok';
      return reply
        .code(ok ? 200 : 503)
        .header('cache-control', 'no-store')
        .send({ status: ok ? 'ok' : 'unavailable', checks: { database, startup } });
    },
  );
}
