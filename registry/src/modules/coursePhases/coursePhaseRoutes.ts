/**
 * Composition routes: the resolve route members' hosts load phases from, and the lecturer/admin
 * routes that add, order, enable, disable, pin and configure course phases.
 */

import { createHash } from 'node:crypto';
import {
  Composition,
  CourseParams,
  CoursePhase,
  CoursePhaseParams,
  CreateCoursePhase,
  compositionTag,
  type PhaseLoadPolicy,
  ResolvedCourse,
  UpdateCoursePhase,
} from '@coursekit/phase-sdk/contract';
import type { Db } from '@coursekit/phase-sdk/server';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { FetchPolicy } from '../../net/safeFetch.js';
import { ALL_ROLES, courseAccessOf, currentUser, STAFF_ROLES } from '../../plugins/authPlugin.js';
import {
  overridesTag,
  PhaseOverrideService,
  withOverrides,
} from '../phaseOverrides/PhaseOverrideService.js';
import { CoursePhaseService } from './CoursePhaseService.js';

export async function coursePhaseRoutes(
  app: FastifyInstance,
  {
    db,
    phaseLoading,
    fetchPolicy,
  }: { db: Db; phaseLoading?: PhaseLoadPolicy; fetchPolicy: FetchPolicy },
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const service = new CoursePhaseService(db, app.changes);
  const overrides = new PhaseOverrideService(db, fetchPolicy);
  // Resolve answers as sent, per course, revision and role: checked against the contract once.
  const serialized = new Map<string, string>();

  r.get(
    '/api/courses/:courseId/phases',
    {
      config: { access: { course: ALL_ROLES } },
      schema: {
        tags: ['composition'],
        summary: 'The ordered, enabled phases of a course with their remote entries',
        params: CourseParams,
        response: { 200: ResolvedCourse, 304: z.null() },
      },
    },
    async (request, reply) => {
      const access = courseAccessOf(request);
      const [{ answer, revision }, active] = await Promise.all([
        service.resolve(access),
        overrides.active(request.user, request.signInId),
      ]);
      // The answer differs per course, revision, role and a developer's own overrides; clients
      // revalidate with If-None-Match.
      const tag = active.length > 0 ? `.${digest(overridesTag(active))}` : '';
      const etag = `W/"${access.courseId}.${revision}.${access.role ?? 'admin'}${tag}"`;
      reply.header('cache-control', 'no-cache').header('etag', etag).header('vary', 'cookie');
      if (request.headers['if-none-match'] === etag) return reply.code(304).send(null);
      if (active.length > 0) {
        const seen = withOverrides(answer, active);
        return phaseLoading ? { ...seen, loading: phaseLoading } : seen;
      }
      let body = serialized.get(etag);
      if (body === undefined) {
        body = JSON.stringify(
          ResolvedCourse.encode(phaseLoading ? { ...answer, loading: phaseLoading } : answer),
        );
        serialized.set(etag, body);
        if (serialized.size > 3_000) serialized.delete(serialized.keys().next().value as string);
      }
      // Already checked and serialized: sent as it is (a JSON string skips the serializer).
      return (reply as FastifyReply).type('application/json; charset=utf-8').send(body);
    },
  );

  r.get(
    '/api/courses/:courseId/composition',
    {
      config: { access: { course: STAFF_ROLES } },
      schema: {
        tags: ['composition'],
        summary:
          'Every course phase of a course, disabled ones included, with its availability; the ETag is the revision changes name in If-Match',
        params: CourseParams,
        response: { 200: Composition },
      },
    },
    async (request, reply) => {
      const composition = await service.composition(request.params.courseId);
      reply
        .header('cache-control', 'no-cache')
        .header('etag', compositionTag(composition.revision));
      return composition;
    },
  );

  r.post(
    '/api/courses/:courseId/phases',
    {
      config: { access: { course: ['lecturer'] } },
      schema: {
        tags: ['composition'],
        summary: 'Add a phase to a course (If-Match: the composition revision)',
        params: CourseParams,
        body: CreateCoursePhase,
        response: { 201: CoursePhase },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await service.add(
            request.params.courseId,
            request.body,
            request.headers['if-match'],
            currentUser(request).id,
          ),
        ),
  );

  r.patch(
    '/api/courses/:courseId/phases/:coursePhaseId',
    {
      config: { access: { course: ['lecturer'] } },
      schema: {
        tags: ['composition'],
        summary:
          'Reorder, enable/disable, pin or configure a course phase (If-Match: the composition revision)',
        params: CoursePhaseParams,
        body: UpdateCoursePhase,
        response: { 200: CoursePhase },
      },
    },
    async (request) =>
      service.update(
        request.params.courseId,
        request.params.coursePhaseId,
        request.body,
        request.headers['if-match'],
        currentUser(request).id,
      ),
  );
}

const digest = (text: string) => createHash('sha256').update(text).digest('base64url').slice(0, 16);
