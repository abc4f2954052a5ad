/** Phase types and versions (admins): `GET/POST /api/phase-types`, `GET/POST /api/phase-types/:name/versions`. */
import {
  CreatePhaseType,
  PhaseType,
  PhaseTypeParams,
  PhaseVersion,
  RegisterPhaseVersion,
} from '@coursekit/phase-sdk/contract';
import type { Db } from '@coursekit/phase-sdk/server';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { FetchPolicy } from '../../net/safeFetch.js';
import { currentUser } from '../../plugins/authPlugin.js';
import { PhaseTypeService } from './PhaseTypeService.js';

export async function phaseTypeRoutes(
  app: FastifyInstance,
  { db, fetchPolicy }: { db: Db; fetchPolicy: FetchPolicy },
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const service = new PhaseTypeService(db, fetchPolicy);

  r.get(
    '/api/phase-types',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['phase types'],
        summary: 'Registered phase types',
        response: { 200: PhaseType.array() },
      },
    },
    async () => service.list(),
  );

  r.post(
    '/api/phase-types',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['phase types'],
        summary: 'Register a phase type',
        body: CreatePhaseType,
        response: { 201: PhaseType },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await service.create(request.body, currentUser(request).id)),
  );

  r.get(
    '/api/phase-types/:name/versions',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['phase types'],
        summary: 'Versions of a phase type, newest first',
        params: PhaseTypeParams,
        response: { 200: PhaseVersion.array() },
      },
    },
    async (request) => service.versions(request.params.name),
  );

  r.post(
    '/api/phase-types/:name/versions',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['phase types'],
        summary:
          'Register a phase version by the URL of its phase.json (fetched and validated first)',
        params: PhaseTypeParams,
        body: RegisterPhaseVersion,
        response: { 201: PhaseVersion },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await service.register(request.params.name, request.body, currentUser(request).id)),
  );
}
