/**
 * One place that turns every failure into `application/problem+json`: our `AppError`s, request
 * validation failures from the zod contract (naming each field), malformed JSON, unknown routes,
 * and anything unexpected (logged, answered as a generic 500 without internals).
 */
import { PROBLEM_CONTENT_TYPE, type Problem } from '@coursekit/phase-sdk/contract';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, type ErrorCode } from '../errors.js';

export function problemOf(error: AppError, instance?: string): Problem {
  return {
    type: `https://coursekit.dev/errors/${error.code}`,
    title: error.title,
    status: error.status,
    code: error.code,
    detail: error.message,
    ...(instance ? { instance } : {}),
    ...(error.errors?.length ? { errors: error.errors } : {}),
  };
}

export function sendProblem(reply: FastifyReply, error: AppError, request: FastifyRequest) {
  return reply
    .code(error.status)
    .type(PROBLEM_CONTENT_TYPE)
    .send(problemOf(error, request.url.split('?')[0]));
}

const fastifyCodes: Partial<Record<string, ErrorCode>> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'CK_MALFORMED_JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'CK_MALFORMED_JSON',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'CK_UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_BODY_TOO_LARGE: 'CK_PAYLOAD_TOO_LARGE',
};

function toAppError(error: FastifyError): AppError {
  if (error instanceof AppError) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    const where = error.validationContext ?? 'request';
    const errors = error.validation.map((issue) => ({
      path: [where, ...issue.instancePath.split('/').filter(Boolean)].join('.'),
      message: issue.message ?? 'is invalid',
    }));
    return new AppError(
      'CK_VALIDATION',
      `The ${where} is invalid: ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}. See /openapi.json for the expected shape.`,
      errors,
    );
  }
  if (error instanceof SyntaxError) {
    return new AppError(
      'CK_MALFORMED_JSON',
      `The body could not be parsed as JSON: ${error.message}`,
    );
  }
  const code = error.code ? fastifyCodes[error.code] : undefined;
  if (code) return new AppError(code, error.message);
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return new AppError('CK_VALIDATION', error.message);
  }
  return new AppError('CK_INTERNAL', 'Something went wrong on our side; the error was logged.');
}

export const problemPlugin = fp(
  async (app: FastifyInstance) => {
    app.setErrorHandler((error: FastifyError, request, reply) => {
      const appError = toAppError(error);
      if (appError.status >= 500) request.log.error({ err: error }, 'request failed');
      return sendProblem(reply, appError, request);
    });
    app.setNotFoundHandler((request, reply) =>
      sendProblem(
        reply,
        new AppError(
          'CK_ROUTE_NOT_FOUND',
          `There is no route ${request.method} ${request.url.split('?')[0]} on this phase server; /openapi.json lists them.`,
        ),
        request,
      ),
    );
  },
  { name: 'coursekit-phase-problem' },
);
