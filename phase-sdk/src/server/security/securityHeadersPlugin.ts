/**
 * Security headers on every answer of a Coursekit server (the registry and every phase server built
 * with the kit), from `@fastify/helmet`: `X-Content-Type-Options: nosniff`, a Content-Security-Policy
 * (each server names its directives), `Cross-Origin-Resource-Policy`, no `X-Powered-By`, HSTS only
 * over https. Headers that change how the browser groups and isolates pages are left out: phases run
 * in the host's page and may open their providers' pop-ups (OAuth flows).
 */
import { type FastifyHelmetOptions, fastifyHelmet } from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

export interface SecurityHeadersOptions {
  /**
   * The Content-Security-Policy of every answer; `'default-src': null` leaves `default-src` out
   * (answers that are no page need no fetch directive). A page may replace it on its own answers.
   */
  directives: Record<string, readonly string[] | null>;
  /**
   * `cross-origin` where pages on other origins load files without CORS (`<script>`), `same-origin`
   * for APIs read only with CORS (the browser does not check it on CORS requests).
   */
  resourcePolicy: 'same-origin' | 'same-site' | 'cross-origin';
  /** Whether answers travel over https (HSTS then). */
  secure: boolean;
}

/**
 * The policy of a JSON API: it loads nothing and no page may frame it.
 *
 * @example
 * await app.register(securityHeadersPlugin, { directives: API_DIRECTIVES, resourcePolicy: 'same-origin', secure: false });
 */
export const API_DIRECTIVES = {
  'default-src': ["'none'"],
  'frame-ancestors': ["'none'"],
} as const satisfies Record<string, readonly string[]>;

type CspDirectives = NonNullable<
  Exclude<FastifyHelmetOptions['contentSecurityPolicy'], boolean | undefined>['directives']
>;
/** Helmet's marker for a policy without `default-src`. */
const DISABLE_DEFAULT_SRC = fastifyHelmet.contentSecurityPolicy
  .dangerouslyDisableDefaultSrc as CspDirectives[string];

export const securityHeadersPlugin = fp(
  async (app: FastifyInstance, options: SecurityHeadersOptions) => {
    const { 'default-src': defaultSrc, ...others } = options.directives;
    const directives: CspDirectives = {
      'default-src':
        defaultSrc === null || defaultSrc === undefined ? DISABLE_DEFAULT_SRC : [...defaultSrc],
      ...Object.fromEntries(
        Object.entries(others).flatMap(([name, sources]) =>
          sources ? [[name, [...sources]]] : [],
        ),
      ),
    };
    const framedByNone = options.directives['frame-ancestors']?.includes("'none'") ?? false;
    await app.register(fastifyHelmet, {
      contentSecurityPolicy: { useDefaults: false, directives },
      crossOriginResourcePolicy: { policy: options.resourcePolicy },
      crossOriginOpenerPolicy: false,
      originAgentCluster: false,
      // `X-Frame-Options` for browsers without `frame-ancestors`, saying the same.
      frameguard: { action: framedByNone ? 'deny' : 'sameorigin' },
      strictTransportSecurity: options.secure ? undefined : false,
    });
  },
  { name: 'coursekit-security-headers' },
);
