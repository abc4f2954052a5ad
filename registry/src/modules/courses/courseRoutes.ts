/**
 * Courses and members: `GET/POST /api/courses`, `PATCH /api/courses/:courseId` (settings,
 * archive), and the members of a course (paged and searchable; add by email, change role,
 * remove). Every change is audited in its own transaction.
 */
import {
  AddMember,
  Course,
  CourseMember,
  CourseParams,
  CreateCourse,
  MemberParams,
  MembersPage,
  MembersQuery,
  UpdateCourse,
  UpdateMember,
} from '@coursekit/phase-sdk/contract';
import type { Db } from '@coursekit/phase-sdk/server';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { conflict, notFound } from '../../errors.js';
import { currentUser, STAFF_ROLES } from '../../plugins/authPlugin.js';
import { audit } from '../audit.js';
import { UserRepository } from '../auth/userRepository.js';
import { bumpCompositionRevision } from '../coursePhases/compositionRevision.js';
import { CourseRepository } from './courseRepository.js';

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

  r.patch(
    '/api/courses/:courseId',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['courses'],
        summary: 'Rename a course, change its term, archive or restore it',
        params: CourseParams,
        body: UpdateCourse,
        response: { 200: Course },
      },
    },
    async (request) => {
      const { courseId } = request.params;
      return db.transaction(async (tx) => {
        const repo = new CourseRepository(tx);
        const before = await repo.settings(courseId);
        const after = before && (await repo.update(courseId, request.body));
        if (!before || !after) throw notFound('Course', courseId);
        // The resolve answer names the course (title, slug, term): cached answers of this
        // revision would keep the old ones. Not the course's own revision: editors' If-Match
        // names its composition, which a rename does not change.
        await bumpCompositionRevision(tx);
        await audit(tx, {
          actorId: currentUser(request).id,
          action:
            request.body.archived === undefined
              ? 'course.update'
              : request.body.archived
                ? 'course.archive'
                : 'course.restore',
          entity: 'course',
          entityId: courseId,
          before,
          after,
        });
        return after;
      });
    },
  );

  r.get(
    '/api/courses/:courseId/members',
    {
      config: { access: { course: STAFF_ROLES } },
      schema: {
        tags: ['courses'],
        summary: 'One page of the members of a course, searchable by name or email',
        params: CourseParams,
        querystring: MembersQuery,
        response: { 200: MembersPage },
      },
    },
    async (request) => courses.membersPage(request.params.courseId, request.query),
  );

  r.patch(
    '/api/courses/:courseId/members/:userId',
    {
      config: { access: { course: ['lecturer'] } },
      schema: {
        tags: ['courses'],
        summary: "Change a member's role",
        params: MemberParams,
        body: UpdateMember,
        response: { 200: CourseMember },
      },
    },
    async (request) => {
      const { courseId, userId } = request.params;
      return db.transaction(async (tx) => {
        const repo = new CourseRepository(tx);
        const before = await repo.setRole(courseId, userId, request.body.role);
        const member = before && (await repo.member(courseId, userId));
        if (!before || !member) throw notFound('Course member', userId);
        await audit(tx, {
          actorId: currentUser(request).id,
          action: 'course.member.role',
          entity: 'course',
          entityId: courseId,
          before: { userId, email: member.email, role: before },
          after: { userId, email: member.email, role: member.role },
        });
        return member;
      });
    },
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
            isDeveloper: false,
          }));
        const before = await users.roleIn(courseId, user.id);
        await new CourseRepository(tx).upsertMember(courseId, user.id, request.body.role);
        await audit(tx, {
          actorId: currentUser(request).id,
          action: 'course.member.upsert',
          entity: 'course',
          entityId: courseId,
          before: before ? { userId: user.id, email: user.email, role: before } : undefined,
          after: { userId: user.id, email: user.email, role: request.body.role },
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
        const repo = new CourseRepository(tx);
        const member = await repo.member(courseId, userId);
        if (!member || !(await repo.removeMember(courseId, userId)))
          throw notFound('Course member', userId);
        await audit(tx, {
          actorId: currentUser(request).id,
          action: 'course.member.remove',
          entity: 'course',
          entityId: courseId,
          before: { userId, email: member.email, role: member.role },
        });
      });
      return reply.code(204).send(null);
    },
  );
}
