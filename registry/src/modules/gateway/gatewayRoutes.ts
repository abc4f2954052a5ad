/**
 * The gateway: `/phase-api/<phase>/*` is forwarded to the server of the phase version pinned for
 * the caller's course phase, which the gateway learns from the phase token itself (verified here,
 * with the registry's own keys, before anything is forwarded). `PhaseServerProxy` forwards the
 * path and query exactly as received and streams bodies through unparsed; the bearer token is
 * forwarded, the session cookie is not; an unreachable or slow phase server answers 502/504
 * problem+json and affects nothing else. Phase servers may also be called directly on their own
 * origins.
 */

import { PhaseName } from '@coursekit/phase-sdk/contract';
import type { Db } from '@coursekit/phase-sdk/server';
import {
  bearerToken,
  CoreAuthError,
  type CoreTokenVerifier,
  createCoreTokenVerifier,
} from '@coursekit/phase-sdk/server';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createLocalJWKSet, type JWTVerifyGetKey } from 'jose';
import { AppError, invalid, notFound } from '../../errors.js';
import { checkedLookup, type FetchPolicy } from '../../net/safeFetch.js';
import { latestActive, PhaseTypeRepository } from '../phaseTypes/phaseTypeRepository.js';
import type { SigningKeyService } from '../tokens/SigningKeyService.js';
import { PhaseServerProxy } from './PhaseServerProxy.js';

export interface GatewayOptions {
  db: Db;
  keys: SigningKeyService;
  issuer: string;
  timeoutMs: number;
  fetchPolicy: FetchPolicy;
}

/** A dot segment, spelled plainly or percent-encoded: it would climb out of the server's base path. */
const DOT_SEGMENT = /^(?:\.|%2e){1,2}$/i;

/**
 * The part of the raw URL after `/phase-api/<phase>`, path and query exactly as the client sent
 * them: the router's decoded wildcard would turn `%3F` into a query and `%23` into a fragment.
 */
export function rawRest(url: string): string {
  const queryAt = url.indexOf('?');
  const path = queryAt === -1 ? url : url.slice(0, queryAt);
  const query = queryAt === -1 ? '' : url.slice(queryAt);
  // ['', 'phase-api', '<phase>', ...the rest]: the router matched the first two segments.
  const rest = path.split('/').slice(3);
  if (rest.some((segment) => DOT_SEGMENT.test(segment))) {
    throw invalid('The path has a "." or ".." segment; name the phase server\'s route directly.', [
      { path: 'url', message: 'has a dot segment' },
    ]);
  }
  return `/${rest.join('/')}${query}`;
}

/**
 * Resolve the keys from the registry's own key service (no HTTP to itself), as published now: a
 * key retired by an immediate rotation is refused at once, cached tokens signed with it too.
 */
function registryKeys(keys: SigningKeyService): JWTVerifyGetKey {
  let local: { kids: string; resolve: JWTVerifyGetKey } | undefined;
  return async (header, token) => {
    const jwks = await keys.jwks();
    const kids = jwks.keys.map((key) => key.kid).join(' ');
    if (local?.kids !== kids) local = { kids, resolve: createLocalJWKSet(jwks) };
    return local.resolve(header, token);
  };
}

export async function gatewayRoutes(app: FastifyInstance, options: GatewayOptions) {
  const verifiers = new Map<string, CoreTokenVerifier>();
  const verifierFor = (phase: string) => {
    let verify = verifiers.get(phase);
    if (!verify) {
      verify = createCoreTokenVerifier({
        issuer: options.issuer,
        phase,
        keys: registryKeys(options.keys),
      });
      verifiers.set(phase, verify);
    }
    return verify;
  };

  // Phase servers are reached only at addresses the registry's fetch policy allows, checked as
  // each connection is made (a server name later pointed at a metadata address gets nowhere).
  const proxy = new PhaseServerProxy(options.timeoutMs, checkedLookup(options.fetchPolicy));
  app.addHook('onClose', async () => proxy.close());

  // Bodies are streamed to the phase server as they arrive, whatever their type.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request, payload, done) => done(null, payload));

  /** The server URL of the version pinned for a course phase, and whether it may be used. */
  const upstream = async (phase: string, coursePhaseId: string): Promise<string> => {
    const [row] = await options.db.query<{ phase_type: string; enabled: boolean; pin: string }>(
      'SELECT phase_type, enabled, pin FROM course_phases WHERE id = $1',
      [coursePhaseId],
    );
    if (!row || row.phase_type !== phase) throw notFound('Course phase', coursePhaseId);
    if (!row.enabled)
      throw new AppError(
        'CK_PHASE_DISABLED',
        'This course phase is disabled; its server is closed until a lecturer enables it again.',
      );
    const versions = await new PhaseTypeRepository(options.db).versions(phase);
    const version =
      row.pin === 'latest' ? latestActive(versions) : versions.find((v) => v.version === row.pin);
    if (!version?.serverUrl) {
      throw new AppError(
        'CK_NO_PHASE_SERVER',
        `The version of "${phase}" used by this course phase has no server; apiFetch is for client-and-server phases.`,
      );
    }
    return version.serverUrl.replace(/\/$/, '');
  };

  const forward = async (
    request: FastifyRequest<{ Params: { phase: string; '*': string } }>,
    reply: FastifyReply,
  ) => {
    const phase = PhaseName.safeParse(request.params.phase);
    if (!phase.success) throw notFound('Phase', request.params.phase);
    let coursePhaseId: string;
    try {
      coursePhaseId = (await verifierFor(phase.data)(bearerToken(request.headers))).coursePhaseId;
    } catch (error) {
      if (error instanceof CoreAuthError) {
        return reply
          .code(error.status)
          .type('application/problem+json')
          .send(error.toProblem(request.url.split('?')[0]));
      }
      throw error;
    }
    const base = await upstream(phase.data, coursePhaseId);
    const { cookie: _cookie, ...headers } = request.headers;
    const failure = await proxy.forward(request, reply, {
      base,
      pathAndQuery: rawRest(request.url),
      // The phase server gets the token, never the user's core session cookie.
      headers: { ...headers, 'x-forwarded-prefix': `/phase-api/${phase.data}` },
    });
    if (!failure) return reply;
    request.log.warn({ phase: phase.data, target: base, failure }, 'phase server failed');
    throw failure === 'timeout'
      ? new AppError(
          'CK_PHASE_SERVER_TIMEOUT',
          `The server of "${phase.data}" did not answer within ${options.timeoutMs} ms; try again shortly.`,
        )
      : failure === 'unforwardable'
        ? invalid('The path or a header of this request cannot be forwarded; check its encoding.')
        : new AppError(
            'CK_PHASE_SERVER_UNREACHABLE',
            `The server of "${phase.data}" could not be reached; try again shortly. Other phases are not affected.`,
          );
  };

  app.all('/phase-api/:phase/*', { config: { access: 'public' }, schema: { hide: true } }, forward);
}
