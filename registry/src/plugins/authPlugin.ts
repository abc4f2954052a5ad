/**
 * Authentication and the one authorization layer. Every `/api` route declares its rule in
 * `config.access`; a route without one fails at start-up, so no handler can forget its check and
 * no handler checks roles itself. Rules:
 * - `'public'`: anyone.
 * - `'signedIn'`: any signed-in user.
 * - `'admin'`: global admins.
 * - `{ course: roles }`: members of `params.courseId` with one of `roles` (admins always pass).
 * - `{ coursePhase: roles }`: the same for the course owning `params.coursePhaseId`.
 */
import type { CourseRole, User } from '@coursekit/phase-sdk/contract';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Db } from '../db/Db.js';
import { AppError, forbidden, notFound } from '../errors.js';
import { SESSION_COOKIE, SessionService } from '../modules/auth/SessionService.js';
import { UserRepository } from '../modules/auth/userRepository.js';

export type AccessRule =
  | 'public'
  | 'signedIn'
  | 'admin'
  | { course: readonly CourseRole[] }
  | { coursePhase: readonly CourseRole[] };

/** What the authorization layer established about the request's course, when its rule names one. */
export interface CourseAccess {
  courseId: string;
  /** The member's role; `null` for an admin who is not a member. */
  role: CourseRole | null;
  coursePhase?: { id: string; phase: string; enabled: boolean };
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: AccessRule;
  }
  interface FastifyRequest {
    user: User | null;
    courseAccess: CourseAccess | null;
  }
  interface FastifyInstance {
    sessions: SessionService;
    users: UserRepository;
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const ALL_ROLES: readonly CourseRole[] = ['lecturer', 'editor', 'student'];
export const STAFF_ROLES: readonly CourseRole[] = ['lecturer', 'editor'];

function param(request: FastifyRequest, name: string): string {
  const value = (request.params as Record<string, string | undefined>)[name];
  if (!value || !UUID.test(value)) {
    throw notFound(name === 'courseId' ? 'Course' : 'Course phase', value ?? '');
  }
  return value.toLowerCase();
}

export const authPlugin = fp(
  async (app: FastifyInstance, options: { db: Db; sessionTtlMs: number }) => {
    const users = new UserRepository(options.db);
    app.decorate('users', users);
    app.decorate('sessions', new SessionService(users, options.sessionTtlMs));
    app.decorateRequest('user', null);
    app.decorateRequest('courseAccess', null);

    app.addHook('onRoute', (route) => {
      if (route.url.startsWith('/api/') && !route.config?.access) {
        throw new Error(
          `Route ${route.method} ${route.url} declares no access rule: add config.access ('public', 'signedIn', 'admin', { course: [...] } or { coursePhase: [...] }).`,
        );
      }
    });

    app.addHook('onRequest', async (request) => {
      request.user = await app.sessions.userOf(request.cookies[SESSION_COOKIE]);
    });

    app.addHook('preValidation', async (request) => {
      const rule = request.routeOptions.config.access;
      if (!rule || rule === 'public') return;
      const user = request.user;
      if (!user)
        throw new AppError(
          'CK_UNAUTHENTICATED',
          'This route needs a signed-in user; sign in and try again.',
        );
      if (rule === 'signedIn') return;
      if (rule === 'admin') {
        if (!user.isAdmin) throw forbidden('Only administrators may do this.');
        return;
      }
      let access: CourseAccess;
      let roles: readonly CourseRole[];
      if ('course' in rule) {
        roles = rule.course;
        const courseId = param(request, 'courseId');
        const [course] = await options.db.query('SELECT 1 FROM courses WHERE id = $1', [courseId]);
        if (!course) throw notFound('Course', courseId);
        access = { courseId, role: await users.roleIn(courseId, user.id) };
      } else {
        roles = rule.coursePhase;
        const coursePhaseId = param(request, 'coursePhaseId');
        const [row] = await options.db.query<{
          course_id: string;
          phase_type: string;
          enabled: boolean;
        }>('SELECT course_id, phase_type, enabled FROM course_phases WHERE id = $1', [
          coursePhaseId,
        ]);
        if (!row) throw notFound('Course phase', coursePhaseId);
        access = {
          courseId: row.course_id,
          role: await users.roleIn(row.course_id, user.id),
          coursePhase: { id: coursePhaseId, phase: row.phase_type, enabled: row.enabled },
        };
      }
      if (!user.isAdmin && (access.role === null || !roles.includes(access.role))) {
        throw forbidden(
          access.role === null
            ? 'You are not a member of this course.'
            : `Your role in this course (${access.role}) may not do this; it needs ${roles.join(' or ')}.`,
        );
      }
      request.courseAccess = access;
    });
  },
  { name: 'coursekit-auth', dependencies: ['@fastify/cookie'] },
);

/** The signed-in user of a request whose route rule required one. */
export function currentUser(request: FastifyRequest): User {
  if (!request.user)
    throw new Error(
      `Bug: ${request.url} reached its handler without a user; check its access rule.`,
    );
  return request.user;
}

/** The course access established for a request whose rule names a course or course phase. */
export function courseAccessOf(request: FastifyRequest): CourseAccess {
  if (!request.courseAccess)
    throw new Error(`Bug: ${request.url} has no course access; its rule must name a course.`);
  return request.courseAccess;
}
