/**
 * Publishing rights (admins): `GET/POST /api/admin/phase-publishers`,
 * `DELETE /api/admin/phase-publishers/:phase/:userId` (who may publish which phase) and
 * `GET/POST /api/admin/api-tokens`, `DELETE /api/admin/api-tokens/:tokenId` (tokens for the
 * publish command; the secret is in the answer to the POST only).
 */
import {
  ApiToken,
  ApiTokenParams,
  CreateApiToken,
  CreatedApiToken,
  GrantPhasePublisher,
  PhasePublisher,
  PhasePublisherParams,
} from '@coursekit/phase-sdk/contract';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { currentUser } from '../../plugins/authPlugin.js';

export async function publishingRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const service = app.publishing;
  const tags = ['publishing'];

  r.get(
    '/api/admin/phase-publishers',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'Who may publish which phase',
        response: { 200: PhasePublisher.array() },
      },
    },
    async () => service.publishers(),
  );

  r.post(
    '/api/admin/phase-publishers',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'Make a user a publisher of one phase (registered or not yet)',
        body: GrantPhasePublisher,
        response: { 200: PhasePublisher },
      },
    },
    async (request) => service.grant(request.body, currentUser(request).id),
  );

  r.delete(
    '/api/admin/phase-publishers/:phase/:userId',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: "Revoke a user's publisher role for a phase (their tokens for it stop working)",
        params: PhasePublisherParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await service.revokePublisher(
        request.params.phase,
        request.params.userId,
        currentUser(request).id,
      );
      return reply.code(204).send(null);
    },
  );

  r.get(
    '/api/admin/api-tokens',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'Every API token, newest first (never the secret)',
        response: { 200: ApiToken.array() },
      },
    },
    async () => service.tokens(),
  );

  r.post(
    '/api/admin/api-tokens',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'Create an API token for an admin or a phase publisher; the secret is shown once',
        body: CreateApiToken,
        response: { 201: CreatedApiToken },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await service.createToken(request.body, currentUser(request).id)),
  );

  r.delete(
    '/api/admin/api-tokens/:tokenId',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'Revoke an API token at once',
        params: ApiTokenParams,
        response: { 200: ApiToken },
      },
    },
    async (request) => service.revokeToken(request.params.tokenId, currentUser(request).id),
  );
}
