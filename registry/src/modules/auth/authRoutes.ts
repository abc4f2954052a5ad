/**
 * Sign-in (dev login in development), sign-out, `GET /api/me`, and `GET /api/auth/config`, which
 * tells the host which sign-in to offer. OpenID Connect sign-in lives in `oidcRoutes.ts`.
 */
import { AuthConfig, DevLoginRequest, Me } from '@coursekit/phase-sdk/contract';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../../config.js';
import { AppError } from '../../errors.js';
import { signInRateLimit } from '../../plugins/securityPlugin.js';
import { OIDC_LOGIN_PATH } from './oidcRoutes.js';
import { clearSessionCookie, SESSION_COOKIE, setSessionCookie } from './sessionCookie.js';

export async function authRoutes(app: FastifyInstance, { config }: { config: Config }) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  const me = async (userId: string, user: Me['user']): Promise<Me> => ({
    user,
    memberships: await app.users.memberships(userId),
  });

  r.get(
    '/api/auth/config',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Which sign-in this registry offers (dev login or OpenID Connect)',
        response: { 200: AuthConfig },
      },
    },
    async (): Promise<AuthConfig> => ({
      mode: config.auth.mode,
      loginUrl: config.auth.mode === 'oidc' ? OIDC_LOGIN_PATH : null,
    }),
  );

  r.post(
    '/api/auth/dev-login',
    {
      config: { access: 'public', rateLimit: signInRateLimit(config) },
      schema: {
        tags: ['auth'],
        summary: 'Sign in as a seeded user (development mode only)',
        body: DevLoginRequest,
        response: { 200: Me },
      },
    },
    async (request, reply) => {
      if (!config.devLogin) {
        throw new AppError(
          'CK_DEV_LOGIN_DISABLED',
          'Dev login is only available in development mode.',
        );
      }
      const user = await app.users.findByEmail(request.body.email);
      if (!user) {
        throw new AppError(
          'CK_UNKNOWN_USER',
          `No user has the email "${request.body.email}". Seeded users: admin@coursekit.test, lecturer@coursekit.test, student1@coursekit.test … student3@coursekit.test.`,
        );
      }
      await app.sessions.end(request.cookies[SESSION_COOKIE]);
      const session = await app.sessions.start(user);
      setSessionCookie(reply, config, session.token, session.expiresAt);
      return me(user.id, user);
    },
  );

  r.post(
    '/api/auth/logout',
    {
      config: { access: 'public' },
      schema: { tags: ['auth'], summary: 'Sign out', response: { 204: z.null() } },
    },
    async (request, reply) => {
      await app.sessions.end(request.cookies[SESSION_COOKIE]);
      clearSessionCookie(reply, config);
      return reply.code(204).send(null);
    },
  );

  r.get(
    '/api/me',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['auth'],
        summary: 'The signed-in user and their memberships',
        response: { 200: Me },
      },
    },
    async (request) => {
      const user = request.user;
      if (!user) throw new Error('Bug: the signedIn rule let an anonymous request through.');
      return me(user.id, user);
    },
  );
}
