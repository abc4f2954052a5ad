/** Courses and members: `GET/POST /api/courses`, `GET/POST /api/courses/:courseId/members`. */
import {
  AddMember,
  Course,
  CourseMember,
  CourseParams,
  CreateCourse,
  Id,
} from '@coursekit/phase-sdk/contract';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/Db.js';
import { conflict, notFound } from '../../errors.js';
import { currentUser, STAFF_ROLES } from '../../plugins/authPlugin.js';
import { audit } from '../audit.js';
import { UserRepository } from '../auth/userRepository.js';
import { CourseRepository } from './courseRepository.js';

const MemberParams = CourseParams.extend({ userId: Id });

export async function courseRoutes(app: FastifyInstance, { db }: { db: Db }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const courses = new CourseRepository(db);

  r.get(
    '/api/courses',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['courses'],
        summary: 'Courses of the signed-in user (all for admins)',
        response: { 200: Course.array() },
      },
    },
    async (request) => {
      const user = currentUser(request);
      return courses.list(user.id, user.isAdmin);
    },
  );

  r.post(
    '/api/courses',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['courses'],
        summary: 'Create a course',
        body: CreateCourse,
        response: { 201: Course },
      },
    },
    async (request, reply) => {
      const created = await db.transaction(async (tx) => {
        const course = await new CourseRepository(tx).insert(request.body);
        if (!course)
          throw conflict(
            `A course with the slug "${request.body.slug}" already exists; pick another slug.`,
          );
        await audit(tx, {
          actorId: currentUser(request).id,
          action: 'course.create',
          entity: 'course',
          entityId: course.id,
          after: course,
        });
        return course;
      });
      return reply.code(201).send(created);
    },
  );

  r.get(
    '/api/courses/:courseId/members',
    {
      config: { access: { course: STAFF_ROLES } },
      schema: {
        tags: ['courses'],
        summary: 'Members of a course',
        params: CourseParams,
        response: { 200: CourseMember.array() },
      },
    },
    async (request) => courses.members(request.params.courseId),
  );

  r.post(
    '/api/courses/:courseId/members',
    {
      config: { access: { course: ['lecturer'] } },
      schema: {
        tags: ['courses'],
        summary: 'Add a member with a role (creates the user account by email if needed)',
        params: CourseParams,
        body: AddMember,
        response: { 201: CourseMember },
      },
    },
    async (request, reply) => {
      const { courseId } = request.params;
      const member = await db.transaction(async (tx) => {
        const users = new UserRepository(tx);
        const user =
          (await users.findByEmail(request.body.email)) ??
          (await users.upsert({
            email: request.body.email,
            name: request.body.email.split('@')[0] ?? request.body.email,
            isAdmin: false,
          }));
        const before = await users.roleIn(courseId, user.id);
        await new CourseRepository(tx).upsertMember(courseId, user.id, request.body.role);
        await audit(tx, {
          actorId: currentUser(request).id,
          action: 'course.member.upsert',
          entity: 'course',
          entityId: courseId,
          before: before ? { userId: user.id, role: before } : undefined,
          after: { userId: user.id, role: request.body.role },
        });
        return { userId: user.id, email: user.email, name: user.name, role: request.body.role };
      });
      return reply.code(201).send(member);
    },
  );

  r.delete(
    '/api/courses/:courseId/members/:userId',
    {
      config: { access: { course: ['lecturer'] } },
      schema: {
        tags: ['courses'],
        summary: 'Remove a member; their phase tokens stop being issued at once',
        params: MemberParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const { courseId, userId } = request.params;
      await db.transaction(async (tx) => {
        const before = await new CourseRepository(tx).removeMember(courseId, userId);
        if (!before) throw notFound('Course member', userId);
        await audit(tx, {
          actorId: currentUser(request).id,
          action: 'course.member.remove',
          entity: 'course',
          entityId: courseId,
          before: { userId, role: before },
        });
      });
      return reply.code(204).send(null);
    },
  );
}
