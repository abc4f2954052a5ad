/**
 * Release routes: `PATCH /api/phase-types/:name/versions/:version` (admins deprecate, re-activate
 * or yank a version) and the notices of the signed-in user (`GET /api/notices`,
 * `POST /api/notices/:noticeId/read`), through which lecturers learn that a yank moved their course.
 */
import {
  Notice,
  NoticeParams,
  PhaseVersionStatusChange,
  SetPhaseVersionStatus,
  VersionParams,
} from '@coursekit/phase-sdk/contract';
import type { Db } from '@coursekit/phase-sdk/server';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound } from '../../errors.js';
import { currentUser } from '../../plugins/authPlugin.js';
import { VersionStatusService } from './VersionStatusService.js';
import { VersionStatusRepository } from './versionStatusRepository.js';

export async function releaseRoutes(app: FastifyInstance, { db }: { db: Db }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const statuses = new VersionStatusService(db);
  const notices = new VersionStatusRepository(db);

  r.patch(
    '/api/phase-types/:name/versions/:version',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['phase types'],
        summary:
          'Deprecate (latest skips it), re-activate or yank (never served; pinned courses fall back) a version',
        params: VersionParams,
        body: SetPhaseVersionStatus,
        response: { 200: PhaseVersionStatusChange },
      },
    },
    async (request) =>
      statuses.setStatus(
        request.params.name,
        request.params.version,
        request.body,
        currentUser(request).id,
      ),
  );

  r.get(
    '/api/notices',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['notices'],
        summary: 'Notices to the signed-in user, newest first',
        response: { 200: Notice.array() },
      },
    },
    async (request) => notices.noticesOf(currentUser(request).id),
  );

  r.post(
    '/api/notices/:noticeId/read',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['notices'],
        summary: 'Mark a notice read',
        params: NoticeParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      if (!(await notices.markRead(currentUser(request).id, request.params.noticeId)))
        throw notFound('Notice', request.params.noticeId);
      return reply.code(204).send(null);
    },
  );
}
