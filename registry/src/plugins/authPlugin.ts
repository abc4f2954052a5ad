/**
 * Authentication and the one authorization layer. Every `/api` route declares its rule in
 * `config.access`; a route without one fails at start-up, so no handler can forget its check and
 * no handler checks roles itself. Rules:
 * - `'public'`: anyone.
 * - `'signedIn'`: any signed-in user.
 * - `'admin'`: global admins.
 * - `'publish'`: admins and phase publishers, signed in or with an API token (`Authorization:
 *   Bearer ckp_…`); the route checks the phase against `publishRefusal`. API tokens are accepted
 *   on these routes only.
 * - `{ platform: permission }`: users whose platform roles hold it (`PLATFORM_PERMISSIONS` of the
 *   contract, e.g. `overridePhases` for admins and developers).
 * - `{ course: roles }`: members of `params.courseId` with one of `roles` (admins always pass).
 * - `{ coursePhase: roles }`: the same for the course owning `params.coursePhaseId`; with
 *   `membersOnly` admins must be members too, with `enabledOnly` a disabled course phase is refused,
 *   and `allow` adds a finer, declared rule (storage scopes use it).
 * It also guards against cross-site request forgery: every state-changing request (but the gateway's)
 * must carry the `x-coursekit-csrf` header (which a cross-site form cannot send and a cross-site
 * script cannot add without a CORS preflight we never grant) and, when the browser names one, an
 * `Origin` of `PUBLIC_URL` (see `ownOrigins`). Both the guard and session loading decide on the
 * route the router matched, never on the raw URL, so no spelling of a path escapes them.
 */
import { CSRF_HEADER } from '@coursekit/phase-sdk/client';
import {
  API_TOKEN_PREFIX,
  type ApiToken,
  type CourseRole,
  PLATFORM_PERMISSIONS,
  type PlatformPermission,
  type User,
  userCan,
} from '@coursekit/phase-sdk/contract';
import type { Db } from '@coursekit/phase-sdk/server';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../config.js';
import { AppError, forbidden, notFound } from '../errors.js';
import { MembershipCache } from '../modules/auth/MembershipCache.js';
import { SessionService } from '../modules/auth/SessionService.js';
import { SESSION_COOKIE, setSessionCookie } from '../modules/auth/sessionCookie.js';
import { UserRepository } from '../modules/auth/userRepository.js';
import { PublishingService } from '../modules/publishing/PublishingService.js';
import { ownOrigins } from './ownOrigins.js';

export type AccessRule =
  | 'public'
  | 'signedIn'
  | 'admin'
  | 'publish'
  | { platform: PlatformPermission }
  | { course: readonly CourseRole[] }
  | {
      coursePhase: readonly CourseRole[];
      membersOnly?: boolean;
      enabledOnly?: boolean;
      /** A finer rule on the request (e.g. storage scopes); returns why it is refused, or null. */
      allow?: AccessCheck;
    };

export type AccessCheck = (context: {
  user: User;
  access: CourseAccess;
  params: Record<string, string | undefined>;
  method: string;
}) => string | null;

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

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
    /** The API token the request came with (routes whose rule is `'publish'` only). */
    apiToken: ApiToken | null;
    /** The sign-in of the request's session (stable across cookie rotations). */
    signInId: string | null;
    courseAccess: CourseAccess | null;
  }
  interface FastifyInstance {
    sessions: SessionService;
    users: UserRepository;
    publishing: PublishingService;
    memberships: MembershipCache;
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const ALL_ROLES: readonly CourseRole[] = ['lecturer', 'editor', 'student'];
/** The staff roles of the contract, re-exported for route rules. */
export { STAFF_ROLES } from '@coursekit/phase-sdk/contract';

function param(request: FastifyRequest, name: string): string {
  const value = (request.params as Record<string, string | undefined>)[name];
  if (!value || !UUID.test(value)) {
    throw notFound(name === 'courseId' ? 'Course' : 'Course phase', value ?? '');
  }
  return value.toLowerCase();
}

export const authPlugin = fp(
  async (app: FastifyInstance, options: { db: Db; config: Config }) => {
    const { config } = options;
    const users = new UserRepository(options.db);
    const ownOrigin = new URL(config.publicUrl).origin;
    const allowedOrigins = ownOrigins(config.publicUrl);
    app.decorate('users', users);
    app.decorate(
      'sessions',
      new SessionService(
        options.db,
        {
          ttlMs: config.sessionTtlMs,
          rotateAfterMs: config.sessionRotateMs,
          maxAgeMs: config.sessionMaxAgeMs,
        },
        app.changes,
      ),
    );
    app.decorate('publishing', new PublishingService(options.db));
    app.decorate('memberships', new MembershipCache(options.db, app.changes));
    app.decorateRequest('user', null);
    app.decorateRequest('apiToken', null);
    app.decorateRequest('signInId', null);
    app.decorateRequest('courseAccess', null);

    app.addHook('onRoute', (route) => {
      if (route.url.startsWith('/api/') && !route.config?.access) {
        throw new Error(
          `Route ${route.method} ${route.url} declares no access rule: add config.access ('public', 'signedIn', 'admin', { course: [...] } or { coursePhase: [...] }).`,
        );
      }
    });

    app.addHook('onRequest', async (request, reply) => {
      // Decide on the route the router matched (it decodes `/%61pi/...` to `/api/...`), never on
      // the raw URL: an unmatched request changes nothing and ends as a 404.
      const route = request.routeOptions.url;
      if (route === undefined) return;
      // Only the API reads the session: static files and the gateway (bearer tokens) never do.
      const bearer = apiTokenOf(request);
      if (route.startsWith('/api/') && bearer !== null) {
        if (request.routeOptions.config.access !== 'publish')
          throw forbidden(
            'API tokens may only publish phases (POST /api/phase-bundles); sign in for anything else.',
          );
        const { user, token } = await app.publishing.authenticate(bearer);
        request.user = user;
        request.apiToken = token;
      } else if (route.startsWith('/api/')) {
        const session = await app.sessions.resume(request.cookies[SESSION_COOKIE]);
        request.user = session?.user ?? null;
        request.signInId = session?.signInId ?? null;
        if (session?.rotated)
          setSessionCookie(reply, config, session.rotated.token, session.rotated.expiresAt);
      }
      // Every changing request is guarded, except the gateway's, which strips cookies and is
      // authorised by a bearer token that a cross-site page cannot attach.
      if (UNSAFE_METHODS.has(request.method) && !route.startsWith('/phase-api/')) {
        const origin = request.headers.origin;
        if (origin !== undefined && !allowedOrigins.has(origin)) {
          throw new AppError(
            'CK_CSRF',
            `Requests from ${origin} may not change data here; only ${ownOrigin} may.`,
          );
        }
        if (request.headers[CSRF_HEADER] !== '1') {
          throw new AppError(
            'CK_CSRF',
            `State-changing requests must send the header "${CSRF_HEADER}: 1" (the SDK's CoreClient does).`,
          );
        }
      }
    });

    // Decided before the body is read (onRequest, after the session above): a caller the rule
    // refuses never gets an upload of up to MAX_PUBLISH_BYTES parsed. Parameters are known here.
    app.addHook('onRequest', async (request) => {
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
      if (rule === 'publish') {
        // Which phase is known from the body only: the route checks it; here, anyone who can
        // publish nothing at all is refused before the upload is read.
        if (user.isAdmin || request.apiToken) return;
        if ((await app.publishing.principalOf(user)).publisherOf.length === 0)
          throw forbidden(
            'Only administrators and phase publishers may publish phases; an administrator can make you a publisher.',
          );
        return;
      }
      if ('platform' in rule) {
        if (!userCan(user, rule.platform)) {
          throw forbidden(
            `This needs the "${rule.platform}" permission, which only ${PLATFORM_PERMISSIONS[rule.platform].join(' and ')} users hold; ask an administrator for the role.`,
          );
        }
        return;
      }
      let access: CourseAccess;
      let roles: readonly CourseRole[];
      if ('course' in rule) {
        roles = rule.course;
        const courseId = param(request, 'courseId');
        // Existence and membership in one lookup, cached per replica (see MembershipCache).
        const row = await app.memberships.inCourse(courseId, user.id);
        if (!row) throw notFound('Course', courseId);
        access = { courseId, role: row.role };
      } else {
        roles = rule.coursePhase;
        const coursePhaseId = param(request, 'coursePhaseId');
        const row = await app.memberships.inCoursePhase(coursePhaseId, user.id);
        if (!row) throw notFound('Course phase', coursePhaseId);
        access = {
          courseId: row.courseId,
          role: row.role,
          coursePhase: { id: coursePhaseId, phase: row.phase, enabled: row.enabled },
        };
        if (rule.membersOnly && access.role === null) {
          throw forbidden(
            'Only members of this course may do this; add yourself to the course first.',
          );
        }
        if (rule.enabledOnly && !row.enabled) {
          throw new AppError(
            'CK_PHASE_DISABLED',
            'This course phase is disabled; a lecturer can enable it again.',
          );
        }
      }
      if (!user.isAdmin && (access.role === null || !roles.includes(access.role))) {
        throw forbidden(
          access.role === null
            ? 'You are not a member of this course.'
            : `Your role in this course (${access.role}) may not do this; it needs ${roles.join(' or ')}.`,
        );
      }
      if ('allow' in rule && rule.allow) {
        const refusal = rule.allow({
          user,
          access,
          params: request.params as Record<string, string | undefined>,
          method: request.method,
        });
        if (refusal) throw forbidden(refusal);
      }
      request.courseAccess = access;
    });
  },
  { name: 'coursekit-auth', dependencies: ['@fastify/cookie'] },
);

/** The secret of an API token in `Authorization: Bearer ckp_…`, or `null` (other schemes too). */
function apiTokenOf(request: FastifyRequest): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
  return match?.[1]?.startsWith(API_TOKEN_PREFIX) ? match[1] : null;
}

/** The signed-in user of a request whose route rule required one. */
export function currentUser(request: FastifyRequest): User {
  if (!request.user)
    throw new Error(
      `Bug: ${request.url} reached its handler without a user; check its access rule.`,
    );
  return request.user;
}

/** The sign-in of a request whose route rule required a signed-in user. */
export function currentSignIn(request: FastifyRequest): string {
  if (!request.signInId)
    throw new Error(`Bug: ${request.url} reached its handler without a session; check its rule.`);
  return request.signInId;
}

/** The course access established for a request whose rule names a course or course phase. */
export function courseAccessOf(request: FastifyRequest): CourseAccess {
  if (!request.courseAccess)
    throw new Error(`Bug: ${request.url} has no course access; its rule must name a course.`);
  return request.courseAccess;
}
