/**
 * A Fastify plugin for phase servers: every route verifies the caller's phase token (signature,
 * issuer, audience, expiry) before its handler runs, and `request.core` says who is calling.
 * Routes opt out with `config: { public: true }` (health checks); a route whose params carry
 * `courseId` or `coursePhaseId` also gets the token checked against them.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { CourseRole } from '../contract/index.js';
import { CoreAuthError } from './CoreAuthError.js';
import {
  bearerToken,
  type CoreIdentity,
  type CoreTokenVerifierOptions,
  createCoreTokenVerifier,
} from './createCoreTokenVerifier.js';
import { sendProblem } from './problem/problemPlugin.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Skip the phase-token check (health and readiness routes). */
    public?: boolean;
    /** Roles allowed on this route; default any member. */
    roles?: readonly CourseRole[];
  }
  interface FastifyRequest {
    core: CoreIdentity | null;
  }
}

export type CoreAuthPluginOptions = CoreTokenVerifierOptions;

/** The verified caller of a request on a non-public route. */
export function coreIdentity(request: FastifyRequest): CoreIdentity {
  if (!request.core)
    throw new Error(
      `Bug: ${request.url} is public and has no caller; do not read request.core there.`,
    );
  return request.core;
}

export const coreAuthPlugin = fp(
  async (app: FastifyInstance, options: CoreAuthPluginOptions) => {
    const verify = createCoreTokenVerifier(options);
    app.decorateRequest('core', null);
    app.addHook('onRequest', async (request, reply) => {
      if (request.routeOptions.config?.public) return;
      const params = (request.params ?? {}) as Record<string, string | undefined>;
      try {
        request.core = await verify(bearerToken(request.headers), {
          ...(params.courseId ? { courseId: params.courseId } : {}),
          ...(params.coursePhaseId ? { coursePhaseId: params.coursePhaseId } : {}),
          ...(request.routeOptions.config?.roles
            ? { roles: request.routeOptions.config.roles }
            : {}),
        });
      } catch (error) {
        const refusal =
          error instanceof CoreAuthError
            ? error
            : new CoreAuthError('CK_TOKEN_INVALID', 'The token could not be verified.');
        return sendProblem(reply, refusal, request);
      }
    });
  },
  { name: 'coursekit-core-auth' },
);
