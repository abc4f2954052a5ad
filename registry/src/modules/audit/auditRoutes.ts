/**
 * Reading the audit log: `GET /api/admin/audit` (admins, everything), `GET
 * /api/courses/:courseId/audit` (admins and the course's lecturers) and `GET
 * /api/phase-types/:name/audit` (admins). Same filters and paging on each.
 */
import {
  AuditPage,
  AuditQuery,
  CourseParams,
  PhaseTypeParams,
} from '@coursekit/phase-sdk/contract';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../../db/Db.js';
import { notFound } from '../../errors.js';
import { PhaseTypeRepository } from '../phaseTypes/phaseTypeRepository.js';
import { AuditRepository } from './auditRepository.js';

export async function auditRoutes(app: FastifyInstance, { db }: { db: Db }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const log = new AuditRepository(db);

  r.get(
    '/api/admin/audit',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['audit'],
        summary: 'The whole audit log, newest first',
        querystring: AuditQuery,
        response: { 200: AuditPage },
      },
    },
    async (request) => log.page(request.query),
  );

  r.get(
    '/api/courses/:courseId/audit',
    {
      config: { access: { course: ['lecturer'] } },
      schema: {
        tags: ['audit'],
        summary: 'Changes to a course: its settings, members and composition',
        params: CourseParams,
        querystring: AuditQuery,
        response: { 200: AuditPage },
      },
    },
    async (request) => log.page({ ...request.query, courseId: request.params.courseId }),
  );

  r.get(
    '/api/phase-types/:name/audit',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['audit'],
        summary: 'Changes to a phase type: its versions and the course phases using it',
        params: PhaseTypeParams,
        querystring: AuditQuery,
        response: { 200: AuditPage },
      },
    },
    async (request) => {
      if (!(await new PhaseTypeRepository(db).find(request.params.name)))
        throw notFound('Phase type', request.params.name);
      return log.page({ ...request.query, phaseType: request.params.name });
    },
  );
}
