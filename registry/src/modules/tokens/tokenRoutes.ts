/**
 * Phase tokens and the keys to verify them: `POST /api/course-phases/:coursePhaseId/token` for
 * members of the course while the course phase is enabled, `GET /.well-known/jwks.json` for
 * phase servers, and an admin route to rotate the signing key.
 */
import {
  CoursePhaseIdParams,
  Jwks,
  PhaseToken,
  RotatedSigningKey,
  RotateSigningKey,
} from '@coursekit/phase-sdk/contract';
import type { Db } from '@coursekit/phase-sdk/server';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AppError } from '../../errors.js';
import { ALL_ROLES, courseAccessOf, currentUser } from '../../plugins/authPlugin.js';
import { audit } from '../audit.js';
import { PhaseTokenService } from './PhaseTokenService.js';
import type { SigningKeyService } from './SigningKeyService.js';

export async function tokenRoutes(
  app: FastifyInstance,
  options: { db: Db; keys: SigningKeyService; issuer: string; ttlSeconds: number },
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tokens = new PhaseTokenService(options.keys, options.issuer, options.ttlSeconds);

  r.post(
    '/api/course-phases/:coursePhaseId/token',
    {
      config: { access: { coursePhase: ALL_ROLES, membersOnly: true, enabledOnly: true } },
      schema: {
        tags: ['auth'],
        summary: 'A short-lived token for this course phase, to call its own server',
        params: CoursePhaseIdParams,
        response: { 200: PhaseToken },
      },
    },
    async (request, reply) => {
      const access = courseAccessOf(request);
      if (!access.coursePhase || !access.role)
        throw new Error('Bug: the token rule must establish a member role and a course phase.');
      reply.header('cache-control', 'no-store');
      return tokens.issue({
        userId: currentUser(request).id,
        courseId: access.courseId,
        coursePhaseId: access.coursePhase.id,
        phase: access.coursePhase.phase,
        role: access.role,
      });
    },
  );

  r.get(
    '/.well-known/jwks.json',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Public keys of phase tokens (current and previous)',
        response: { 200: Jwks },
      },
    },
    async (_request, reply) => {
      reply.header('cache-control', 'public, max-age=60');
      reply.header('access-control-allow-origin', '*');
      return options.keys.jwks();
    },
  );

  r.post(
    '/api/admin/signing-keys/rotate',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['auth'],
        summary:
          'Publish a new signing key, which signs after the propagation delay (409 while one is pending); with immediate (after a compromise) it signs at once and every other key is retired',
        body: RotateSigningKey,
        response: { 200: RotatedSigningKey },
      },
    },
    async (request) => {
      const result = await options.keys.rotate({ immediate: request.body.immediate });
      if ('pending' in result) {
        const { kid, activatesAt } = result.pending;
        throw new AppError(
          'CK_ROTATION_PENDING',
          `Key ${kid} is already published and signs from ${activatesAt.toISOString()}; rotate again after that, or with {"immediate": true} if a key is compromised.`,
          undefined,
          { pending: { kid, activatesAt: activatesAt.toISOString() } },
        );
      }
      if (!('created' in result)) throw new Error('Bug: an unconditional rotation created no key.');
      const { kid, activatesAt, retired } = result.created;
      await audit(options.db, {
        actorId: currentUser(request).id,
        action: 'signing-key.rotate',
        entity: 'signing-key',
        entityId: kid,
        after: { activatesAt, immediate: request.body.immediate, retired },
      });
      return { kid, activatesAt: activatesAt.toISOString(), retired };
    },
  );
}
