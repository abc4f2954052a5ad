/**
 * The phase catalogue and its health: `GET /api/admin/catalogue` (admins), `GET
 * /api/courses/:courseId/catalogue` (the same for a course's lecturers, to add phases from),
 * `POST /api/admin/health-probes` (probe every version in use now). With a probe interval, the
 * registry also probes on a schedule until it closes.
 */
import { Catalogue, CourseParams, ProbeRun } from '@coursekit/phase-sdk/contract';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../../db/Db.js';
import { claimScheduledRun } from '../../db/scheduledRuns.js';
import type { FetchPolicy } from '../../net/safeFetch.js';
import { CatalogueService } from './CatalogueService.js';
import { HealthProbeService } from './HealthProbeService.js';

export interface CatalogueOptions {
  db: Db;
  probeIntervalMs: number;
  /** The registry's fetch policy, with the probes' time-out. */
  probeFetchPolicy: FetchPolicy;
}

export async function catalogueRoutes(app: FastifyInstance, options: CatalogueOptions) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const catalogue = new CatalogueService(options.db);
  const probes = new HealthProbeService(options.db, options.probeFetchPolicy);

  r.get(
    '/api/admin/catalogue',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['phase types'],
        summary: 'Phase types with their versions, usage and last health probe',
        response: { 200: Catalogue },
      },
    },
    async () => catalogue.catalogue(),
  );

  r.get(
    '/api/courses/:courseId/catalogue',
    {
      config: { access: { course: ['lecturer'] } },
      schema: {
        tags: ['phase types'],
        summary: 'The phase catalogue, for composing this course',
        params: CourseParams,
        response: { 200: Catalogue },
      },
    },
    async () => catalogue.catalogue(),
  );

  r.post(
    '/api/admin/health-probes',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['phase types'],
        summary: 'Probe every phase version a course uses now, and keep the results',
        response: { 200: ProbeRun },
      },
    },
    async () => probes.probeAll(),
  );

  if (options.probeIntervalMs > 0) {
    // Each replica keeps a timer; one of them per interval runs the probes for all.
    let running = false;
    const timer = setInterval(() => {
      if (running) return;
      running = true;
      claimScheduledRun(options.db, 'health-probes', options.probeIntervalMs)
        .then((claimed) => (claimed ? probes.probeAll() : undefined))
        .catch((error) => app.log.warn({ err: error }, 'scheduled health probes failed'))
        .finally(() => {
          running = false;
        });
    }, options.probeIntervalMs);
    timer.unref();
    app.addHook('onClose', async () => clearInterval(timer));
  }
}
