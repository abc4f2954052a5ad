/**
 * Security headers on every answer of the registry (API, static files, errors, the gateway's) and
 * the sign-in rate limit. Headers come from the phase SDK's `securityHeadersPlugin`, as on every
 * phase server: `X-Content-Type-Options: nosniff` everywhere, `frame-ancestors 'self'` (with
 * `X-Frame-Options` for old browsers) so no other site can frame the host, no `<object>`, no
 * `<base>` from elsewhere, HSTS when served over https. `Cross-Origin-Resource-Policy` stays
 * `cross-origin` because hosts on other origins load client-only remotes and the JWKS from here.
 * Sign-in routes opt in to `signInRateLimit`: attempts per client address and minute (the
 * address is the proxy's unless `TRUST_PROXY` names it), answered 429 `CK_RATE_LIMITED` with
 * `Retry-After`. Counters live in the database (`databaseRateLimitStore`), so N replicas enforce
 * one limit, not N times it.
 */
import { securityHeadersPlugin } from '@coursekit/phase-sdk/server';
import fastifyRateLimit, { type RateLimitOptions } from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../config.js';
import type { Db } from '../db/Db.js';
import { AppError } from '../errors.js';
import { BASE_DIRECTIVES } from './contentSecurityPolicy.js';
import { databaseRateLimitStore } from './databaseRateLimitStore.js';

export const securityPlugin = fp(
  async (app: FastifyInstance, options: { secure: boolean; db: Db }) => {
    await app.register(securityHeadersPlugin, {
      // Answers that are no page (JSON, scripts, files) need no fetch directive: only where they
      // may be framed and what they may never load. Host pages get the whole policy (webRoutes,
      // `hostPagePolicy`).
      directives: { 'default-src': null, ...BASE_DIRECTIVES },
      resourcePolicy: 'cross-origin',
      secure: options.secure,
    });
    await app.register(fastifyRateLimit, {
      global: false,
      store: databaseRateLimitStore(options.db),
      errorResponseBuilder: (_request, context) =>
        new AppError(
          'CK_RATE_LIMITED',
          `Too many sign-in attempts from this address; try again in ${Math.ceil(context.ttl / 1000)} s.`,
        ),
    });
  },
  { name: 'coursekit-security' },
);

/** The `config.rateLimit` of a sign-in route: `SIGN_IN_RATE_LIMIT` attempts per client and minute. */
export function signInRateLimit(config: Config): RateLimitOptions {
  return { max: config.signInRateLimit, timeWindow: 60_000 };
}

/**
 * The `config.rateLimit` of a signed-in route: `max` requests per user and minute (the session is
 * resumed before the limit is counted), answered 429 `CK_RATE_LIMITED` naming `what`.
 */
export function perUserRateLimit(max: number, what: string): RateLimitOptions {
  return {
    max,
    timeWindow: 60_000,
    keyGenerator: (request) => request.user?.id ?? request.ip,
    errorResponseBuilder: (_request, context) =>
      new AppError(
        'CK_RATE_LIMITED',
        `Too many ${what} from this user; try again in ${Math.ceil(context.ttl / 1000)} s.`,
      ),
  };
}
