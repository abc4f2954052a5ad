/**
 * `/healthz` (the process is alive) and `/readyz` (the database answers and start-up finished):
 * public, so orchestrators and the registry can probe without a token. `/readyz` answers 503 while
 * the server starts or drains, so a load balancer stops sending it requests first.
 */
import { Health } from '@coursekit/phase-sdk/contract';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../../db/Db.js';

export interface Readiness {
  /** True once the server is listening, false again while it shuts down. */
  ready: boolean;
}

export async function healthRoutes(
  app: FastifyInstance,
  { db, readiness }: { db: Db; readiness: Readiness },
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const publicRoute = { public: true } as const;

  r.get(
    '/healthz',
    {
      config: publicRoute,
      schema: { tags: ['health'], security: [], response: { 200: Health } },
    },
    async () => ({ status: 'ok' as const }),
  );

  r.get(
    '/readyz',
    {
      config: publicRoute,
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
