/**
 * A developer's phase overrides, on their own sign-in: `GET /api/me/phase-overrides`,
 * `PUT /api/me/phase-overrides/:phase` `{ descriptorUrl }` (validates the build, registers nothing)
 * and `DELETE /api/me/phase-overrides/:phase`. Only users with the `overridePhases` permission
 * (admins and developers) may use them; the resolve route applies them (`withOverrides`).
 */
import {
  PhaseOverride,
  PhaseOverrideParams,
  SetPhaseOverride,
} from '@coursekit/phase-sdk/contract';
import type { Db } from '@coursekit/phase-sdk/server';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { FetchPolicy } from '../../net/safeFetch.js';
import { currentSignIn, currentUser } from '../../plugins/authPlugin.js';
import { PhaseOverrideService } from './PhaseOverrideService.js';

export async function phaseOverrideRoutes(
  app: FastifyInstance,
  { db, fetchPolicy }: { db: Db; fetchPolicy: FetchPolicy },
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const overrides = new PhaseOverrideService(db, fetchPolicy);
  const access = { platform: 'overridePhases' } as const;

  r.get(
    '/api/me/phase-overrides',
    {
      config: { access },
      schema: {
        tags: ['phase overrides'],
        summary: "The phases this sign-in loads from a developer's own build",
        response: { 200: z.array(PhaseOverride) },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return overrides.list(currentSignIn(request));
    },
  );

  r.put(
    '/api/me/phase-overrides/:phase',
    {
      config: { access },
      schema: {
        tags: ['phase overrides'],
        summary:
          'Load a phase from your own build in your own browser (validated like a registration; nothing is registered)',
        params: PhaseOverrideParams,
        body: SetPhaseOverride,
        response: { 200: PhaseOverride },
      },
    },
    async (request) =>
      overrides.set(
        currentUser(request),
        currentSignIn(request),
        request.params.phase,
        request.body.descriptorUrl,
      ),
  );

  r.delete(
    '/api/me/phase-overrides/:phase',
    {
      config: { access },
      schema: {
        tags: ['phase overrides'],
        summary: 'Load the registered version of a phase again',
        params: PhaseOverrideParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await overrides.clear(currentUser(request), currentSignIn(request), request.params.phase);
      return reply.code(204).send(null);
    },
  );
}
