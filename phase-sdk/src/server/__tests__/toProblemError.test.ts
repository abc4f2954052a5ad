/**
 * Errors of Fastify and its plugins keep their meaning as problems: each gets the catalogue code of
 * its status (a plugin's 403 is no 400 validation error), Fastify's own refusals a code and a
 * detail that says how to fix the request.
 */
import { errorCodes } from 'fastify';
import { describe, expect, it } from 'vitest';
import { toProblemError } from '../index.js';

const pluginError = (statusCode: number, message = 'Plugin says no') =>
  Object.assign(new Error(message), { statusCode });

describe('toProblemError', () => {
  it('regression: a client error of a plugin keeps its status, with the code of that status', () => {
    const cases: [number, string][] = [
      [403, 'CK_FORBIDDEN'],
      [404, 'CK_NOT_FOUND'],
      [405, 'CK_METHOD_NOT_ALLOWED'],
      [408, 'CK_REQUEST_TIMEOUT'],
      [413, 'CK_PAYLOAD_TOO_LARGE'],
      [414, 'CK_URI_TOO_LONG'],
      [415, 'CK_UNSUPPORTED_MEDIA_TYPE'],
      [431, 'CK_HEADERS_TOO_LARGE'],
    ];
    for (const [status, code] of cases) {
      expect(toProblemError(pluginError(status)).toProblem(), String(status)).toMatchObject({
        status,
        code,
        detail: 'Plugin says no',
      });
    }
  });

  it('answers a client error of another status as a malformed request', () => {
    expect(toProblemError(pluginError(418)).toProblem()).toMatchObject({
      status: 400,
      code: 'CK_BAD_REQUEST',
    });
  });

  it("names the fix for Fastify's own refusals", () => {
    expect(toProblemError(new errorCodes.FST_ERR_BAD_URL('/a%zz')).toProblem()).toMatchObject({
      status: 400,
      code: 'CK_BAD_REQUEST',
      detail: 'The path /a%zz is not valid percent-encoding; write a literal "%" as %25.',
    });
    const long = toProblemError(new errorCodes.FST_ERR_MAX_PARAM_LENGTH(`/x/${'a'.repeat(300)}`));
    expect(long.toProblem()).toMatchObject({ status: 414, code: 'CK_URI_TOO_LONG' });
    expect(long.message.length).toBeLessThan(250);
    expect(
      toProblemError(new errorCodes.FST_ERR_CTP_INVALID_CONTENT_LENGTH()).toProblem(),
    ).toMatchObject({ status: 400, code: 'CK_BAD_REQUEST' });
  });

  it('hides what an unexpected error says', () => {
    expect(toProblemError(new Error('password=hunter2')).toProblem()).toMatchObject({
      status: 500,
      code: 'CK_INTERNAL',
      detail: 'Something went wrong on our side; the error was logged.',
    });
  });
});
