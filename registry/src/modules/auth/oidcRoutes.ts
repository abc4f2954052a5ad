/**
 * OpenID Connect sign-in over HTTP (registered only when `AUTH_MODE=oidc`). `GET login` sends the
 * browser to the provider; `GET callback` is where the provider sends it back, and where the
 * session starts. A short-lived cookie binds each sign-in to the browser that started it, so a
 * callback link cannot sign someone else in (login CSRF).
 *
 * Failures: a browser navigation (`Accept: text/html`) is redirected to
 * `/sign-in?error=<CK_CODE>` so the host can explain it; any other client gets problem+json
 * (`CK_OIDC_FAILED` 401, or `CK_UNAVAILABLE` 503 when the provider does not answer). The detail is
 * logged either way.
 */
import { storableText } from '@coursekit/phase-sdk/contract';
import type { Db } from '@coursekit/phase-sdk/server';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../../config.js';
import { AppError } from '../../errors.js';
import { signInRateLimit } from '../../plugins/securityPlugin.js';
import { OIDC_LOGIN_TTL_MS, OidcService } from './OidcService.js';
import { OidcLoginRepository } from './oidcLoginRepository.js';
import { SESSION_COOKIE, setSessionCookie } from './sessionCookie.js';

export const OIDC_LOGIN_PATH = '/api/auth/oidc/login';
export const OIDC_CALLBACK_PATH = '/api/auth/oidc/callback';
/** Holds the state of the sign-in this browser started; sent to the callback only. */
export const OIDC_STATE_COOKIE = 'ck_oidc_state';

const LoginQuery = z.object({
  // An unusable destination is not an error: the sign-in goes on and ends at `/`.
  returnTo: storableText().optional().catch(undefined),
});

const CallbackQuery = z.looseObject({
  code: storableText().optional(),
  state: storableText().optional(),
  error: storableText().optional(),
  error_description: storableText().optional(),
});

export async function oidcRoutes(app: FastifyInstance, { config, db }: { config: Config; db: Db }) {
  if (config.auth.mode !== 'oidc') {
    throw new Error('Bug: oidcRoutes was registered although AUTH_MODE is not oidc.');
  }
  const oidc = new OidcService(config.auth.oidc, new OidcLoginRepository(db));
  const r = app.withTypeProvider<ZodTypeProvider>();
  const stateCookie = {
    path: OIDC_CALLBACK_PATH,
    httpOnly: true,
    sameSite: 'lax',
    secure: config.secureCookies,
  } as const;

  /** Browsers are sent back to the sign-in page with the code; API clients get problem+json. */
  const failGracefully = (error: unknown, request: FastifyRequest, reply: FastifyReply) => {
    if (!(error instanceof AppError)) throw error;
    request.log.warn({ code: error.code, detail: error.message }, 'OIDC sign-in failed');
    if (!(request.headers.accept ?? '').includes('text/html')) throw error;
    reply.clearCookie(OIDC_STATE_COOKIE, stateCookie);
    return reply.redirect(`/sign-in?error=${error.code}`, 302);
  };

  r.get(
    OIDC_LOGIN_PATH,
    {
      config: { access: 'public', rateLimit: signInRateLimit(config) },
      schema: {
        tags: ['auth'],
        summary: 'Start signing in with the OpenID Connect provider (redirects to it)',
        querystring: LoginQuery,
      },
    },
    async (request, reply) => {
      try {
        const { state, url } = await oidc.begin(request.query.returnTo);
        reply.setCookie(OIDC_STATE_COOKIE, state, {
          ...stateCookie,
          maxAge: OIDC_LOGIN_TTL_MS / 1000,
        });
        return reply.redirect(url.href, 302);
      } catch (error) {
        return failGracefully(error, request, reply);
      }
    },
  );

  r.get(
    OIDC_CALLBACK_PATH,
    {
      config: { access: 'public', rateLimit: signInRateLimit(config) },
      schema: {
        tags: ['auth'],
        summary: 'Where the OpenID Connect provider sends the browser back; starts the session',
        querystring: CallbackQuery,
      },
    },
    async (request, reply) => {
      try {
        // The raw query, not the parsed one: the code exchange checks every parameter as sent.
        const at = request.url.indexOf('?');
        const params = new URLSearchParams(at === -1 ? '' : request.url.slice(at + 1));
        const { identity, returnTo } = await oidc.complete(
          params,
          request.cookies[OIDC_STATE_COOKIE],
        );
        const user = await app.users.upsert(identity);
        await app.sessions.end(request.cookies[SESSION_COOKIE]);
        const session = await app.sessions.start(user);
        request.log.info({ userId: user.id, isAdmin: user.isAdmin }, 'signed in with OIDC');
        setSessionCookie(reply, config, session.token, session.expiresAt);
        reply.clearCookie(OIDC_STATE_COOKIE, stateCookie);
        return reply.redirect(returnTo, 302);
      } catch (error) {
        return failGracefully(error, request, reply);
      }
    },
  );
}
