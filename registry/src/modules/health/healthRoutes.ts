/** `/healthz` (the process is alive) and `/readyz` (the database answers and start-up finished). */
import { Health } from '@coursekit/phase-sdk/contract';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../../db/Db.js';

export interface Readiness {
  /** Set once migrations and the seed have run. */
  ready: boolean;
}

export async function healthRoutes(
  app: FastifyInstance,
  { db, readiness }: { db: Db; readiness: Readiness },
) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/healthz',
    { config: { access: 'public' }, schema: { tags: ['health'], response: { 200: Health } } },
    async () => ({ status: 'ok' as const }),
  );

  r.get(
    '/readyz',
    {
      config: { access: 'public' },
      schema: { tags: ['health'], response: { 200: Health, 503: Health } },
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
