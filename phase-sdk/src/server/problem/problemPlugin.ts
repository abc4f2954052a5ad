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

/**
 * Answer `error` as `application/problem+json`, with `nosniff` whatever hooks ran (Fastify runs
 * none before its own refusals) so that no browser reads an error as a script or a page.
 */
export function sendProblem(reply: FastifyReply, error: ProblemError, request?: FastifyRequest) {
  return reply
    .code(error.status)
    .header('x-content-type-options', 'nosniff')
    .type(PROBLEM_CONTENT_TYPE)
    .send(error.toProblem(pathOf(request)));
}

/** The start of a path too long to repeat in full (a detail names what was received, briefly). */
const shortPath = (path: string) => (path.length > 120 ? `${path.slice(0, 120)}…` : path);

/** Fastify's own errors by code, with a detail that says how to fix the request. */
const fastifyErrors: Partial<
  Record<string, { code: PlatformErrorCode; detail?: (error: Partial<FastifyError>) => string }>
> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'CK_MALFORMED_JSON' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'CK_MALFORMED_JSON' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { code: 'CK_UNSUPPORTED_MEDIA_TYPE' },
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'CK_PAYLOAD_TOO_LARGE' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    code: 'CK_BAD_REQUEST',
    detail: () =>
      'The body is not as long as its Content-Length says; send the length of the body.',
  },
  FST_ERR_BAD_URL: {
    code: 'CK_BAD_REQUEST',
    detail: (error) =>
      `The path ${shortPath(String(error.message).replace(/^'(.*)' is not a valid url component$/s, '$1'))} is not valid percent-encoding; write a literal "%" as %25.`,
  },
  FST_ERR_MAX_PARAM_LENGTH: {
    code: 'CK_URI_TOO_LONG',
    detail: (error) =>
      `A segment of the path ${shortPath(String(error.message).replace(/^'(.*)' is exceeding the max param length$/s, '$1'))} is longer than any identifier this server knows; check the URL.`,
  },
  FST_ERR_NOT_FOUND: { code: 'CK_ROUTE_NOT_FOUND' },
};

/**
 * Any other client error of Fastify or a plugin, by its status (`@fastify/static` refuses a folder
 * or a path like `/a//b` with 403); a status of none of these is answered as a malformed request.
 */
const statusCodes: Partial<Record<number, PlatformErrorCode>> = {
  400: 'CK_VALIDATION',
  403: 'CK_FORBIDDEN',
  404: 'CK_NOT_FOUND',
  405: 'CK_METHOD_NOT_ALLOWED',
  408: 'CK_REQUEST_TIMEOUT',
  413: 'CK_PAYLOAD_TOO_LARGE',
  414: 'CK_URI_TOO_LONG',
  415: 'CK_UNSUPPORTED_MEDIA_TYPE',
  431: 'CK_HEADERS_TOO_LARGE',
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
  const known = fastifyError.code ? fastifyErrors[fastifyError.code] : undefined;
  if (known) {
    return platformErrors.error(
      known.code,
      known.detail?.(fastifyError) ?? String(fastifyError.message),
    );
  }
  const status = fastifyError.statusCode;
  if (status && status >= 400 && status < 500) {
    return platformErrors.error(
      statusCodes[status] ?? 'CK_BAD_REQUEST',
      String(fastifyError.message),
    );
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
