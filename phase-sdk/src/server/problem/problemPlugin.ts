/**
 * One place that turns every failure into `application/problem+json`, for the registry and every
 * phase server alike: `ProblemError`s (token refusals included), request validation failures from
 * the zod contract (naming each field), malformed JSON, unsupported bodies, and anything unexpected
 * (logged, answered as a generic 500 without internals). Unknown routes are answered here when
 * `routeNotFound` is given; the registry answers them itself, beside its SPA fallback.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { PROBLEM_CONTENT_TYPE } from '../../contract/index.js';
import { type PlatformErrorCode, platformErrors } from './defineErrorCatalogue.js';
import { ProblemError } from './ProblemError.js';

export interface ProblemPluginOptions {
  /** The detail of a 404 for a route that does not exist; without it, unknown routes are left alone. */
  routeNotFound?: (method: string, path: string) => string;
}

/** The request's path, without its query: the problem's `instance`. */
const pathOf = (request?: FastifyRequest) => request?.url.split('?')[0];

/** Answer `error` as `application/problem+json`. */
export function sendProblem(reply: FastifyReply, error: ProblemError, request?: FastifyRequest) {
  return reply
    .code(error.status)
    .type(PROBLEM_CONTENT_TYPE)
    .send(error.toProblem(pathOf(request)));
}

const fastifyCodes: Partial<Record<string, PlatformErrorCode>> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'CK_MALFORMED_JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'CK_MALFORMED_JSON',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'CK_UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_BODY_TOO_LARGE: 'CK_PAYLOAD_TOO_LARGE',
};

/** What any thrown value is answered as. */
export function toProblemError(error: unknown): ProblemError {
  if (error instanceof ProblemError) return error;
  const fastifyError = error as Partial<FastifyError>;
  if (hasZodFastifySchemaValidationErrors(error)) {
    const where = error.validationContext ?? 'request';
    const errors = error.validation.map((issue) => ({
      path: [where, ...issue.instancePath.split('/').filter(Boolean)].join('.'),
      message: issue.message ?? 'is invalid',
    }));
    return platformErrors.error(
      'CK_VALIDATION',
      `The ${where} is invalid: ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}. See the OpenAPI document for the expected shape.`,
      { errors },
    );
  }
  if (error instanceof SyntaxError) {
    return platformErrors.error(
      'CK_MALFORMED_JSON',
      `The body could not be parsed as JSON: ${error.message}`,
    );
  }
  const code = fastifyError.code ? fastifyCodes[fastifyError.code] : undefined;
  if (code) return platformErrors.error(code, String(fastifyError.message));
  const status = fastifyError.statusCode;
  if (status && status >= 400 && status < 500) {
    return platformErrors.error('CK_VALIDATION', String(fastifyError.message));
  }
  return platformErrors.error(
    'CK_INTERNAL',
    'Something went wrong on our side; the error was logged.',
  );
}

export const problemPlugin = fp(
  async (app: FastifyInstance, options: ProblemPluginOptions) => {
    app.setErrorHandler((error: FastifyError, request, reply) => {
      const problem = toProblemError(error);
      if (problem.status >= 500) request.log.error({ err: error }, 'request failed');
      return sendProblem(reply, problem, request);
    });
    const { routeNotFound } = options;
    if (routeNotFound) {
      app.setNotFoundHandler((request, reply) =>
        sendProblem(
          reply,
          platformErrors.error(
            'CK_ROUTE_NOT_FOUND',
            routeNotFound(request.method, pathOf(request) ?? '/'),
          ),
          request,
        ),
      );
    }
  },
  { name: 'coursekit-problem' },
);
