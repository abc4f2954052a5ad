/**
 * Security headers on every answer of a Coursekit server (the registry and every phase server built
 * with the kit), from `helmet`: `X-Content-Type-Options: nosniff`, a Content-Security-Policy (each
 * server names its directives), `Cross-Origin-Resource-Policy`, HSTS only over https. Headers that
 * change how the browser groups and isolates pages are left out: phases run in the host's page and
 * may open their providers' pop-ups (OAuth flows).
 *
 * The headers depend on the options only, so helmet computes them once, at registration, and each
 * answer gets the finished set in one call: `@fastify/helmet` built a whole helmet middleware (and
 * re-serialized the policy) on every request, a measurable share of a cached API answer.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import helmet, { type HelmetOptions } from 'helmet';

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

type CspDirectives = Exclude<
  Exclude<HelmetOptions['contentSecurityPolicy'], boolean | undefined>['directives'],
  undefined
>;

/**
 * The headers helmet sets with these options, as one object: helmet runs once against a response
 * that only records what is set on it.
 *
 * @example
 * securityHeaders({ directives: API_DIRECTIVES, resourcePolicy: 'same-origin', secure: false })
 * // { 'content-security-policy': "default-src 'none';frame-ancestors 'none'", 'x-content-type-options': 'nosniff', … }
 */
export function securityHeaders(options: SecurityHeadersOptions): Record<string, string> {
  const { 'default-src': defaultSrc, ...others } = options.directives;
  const directives: CspDirectives = {
    'default-src':
      defaultSrc === null || defaultSrc === undefined
        ? helmet.contentSecurityPolicy.dangerouslyDisableDefaultSrc
        : [...defaultSrc],
    ...Object.fromEntries(
      Object.entries(others).flatMap(([name, sources]) => (sources ? [[name, [...sources]]] : [])),
    ),
  };
  const framedByNone = options.directives['frame-ancestors']?.includes("'none'") ?? false;
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name.toLowerCase()] = String(value);
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  };
  let failure: unknown;
  helmet({
    contentSecurityPolicy: { useDefaults: false, directives },
    crossOriginResourcePolicy: { policy: options.resourcePolicy },
    crossOriginOpenerPolicy: false,
    originAgentCluster: false,
    // `X-Frame-Options` for browsers without `frame-ancestors`, saying the same.
    xFrameOptions: { action: framedByNone ? 'deny' : 'sameorigin' },
    strictTransportSecurity: options.secure ? undefined : false,
  })({} as IncomingMessage, recorder as unknown as ServerResponse, (error) => {
    failure = error;
  });
  if (failure) throw failure;
  return headers;
}

export const securityHeadersPlugin = fp(
  async (app: FastifyInstance, options: SecurityHeadersOptions) => {
    const headers = securityHeaders(options);
    app.addHook('onRequest', (_request, reply, done) => {
      reply.headers(headers);
      done();
    });
  },
  { name: 'coursekit-security-headers' },
);
