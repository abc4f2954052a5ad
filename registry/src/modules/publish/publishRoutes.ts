/**
 * `POST /api/phase-bundles` (admins and phase publishers, signed in or with an API token): publish a built client-only phase by uploading its `dist/`
 * files. 201 with the new version, 200 with the existing one when the same build was already
 * published, 409 when that version holds other files. The body limit is raised for this route only.
 */
import { MAX_PUBLISH_BYTES, PhaseVersion, PublishPhaseBundle } from '@coursekit/phase-sdk/contract';
import type { Db } from '@coursekit/phase-sdk/server';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { FetchPolicy } from '../../net/safeFetch.js';
import { currentUser } from '../../plugins/authPlugin.js';
import type { BundleStore } from './BundleStore.js';
import { PublishService } from './PublishService.js';

export async function publishRoutes(
  app: FastifyInstance,
  { db, store, fetchPolicy }: { db: Db; store: BundleStore; fetchPolicy: FetchPolicy },
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const service = new PublishService(db, store, app.publishing, fetchPolicy);

  r.post(
    '/api/phase-bundles',
    {
      bodyLimit: MAX_PUBLISH_BYTES,
      config: { access: 'publish' },
      schema: {
        tags: ['phase types'],
        summary:
          'Publish a built client-only phase (its dist/ files, checked against phase.json) and register the version',
        body: PublishPhaseBundle,
        response: { 200: PhaseVersion, 201: PhaseVersion },
      },
    },
    async (request, reply) => {
      const { version, created } = await service.publish(
        request.body,
        currentUser(request),
        request.apiToken,
      );
      return reply.code(created ? 201 : 200).send(version);
    },
  );
}
