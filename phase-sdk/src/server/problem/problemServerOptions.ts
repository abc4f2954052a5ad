/**
 * The answers Fastify and Node give before any route, hook or error handler runs, turned into
 * `application/problem+json` with a catalogue code like every other answer. Two paths bypass the
 * problem plugin:
 * - Node's `clientError`: a request that is not HTTP at all (a garbage request line, a header
 *   section over Node's 16 KB, an invalid `Content-Length`, a header timeout). No request object
 *   exists; the answer is written on the socket, which is then closed, as Node itself does.
 * - Fastify's `frameworkErrors`: a path that is no valid percent-encoding (`GET /%`) or a route
 *   parameter over `maxParamLength` (414). Fastify runs no hook for them (`sendProblem` sets
 *   `nosniff` itself).
 * Spread `problemServerOptions()` into the options of `Fastify(...)` of every server: the registry
 * and `createPhaseServer` do.
 */
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify';
import { PROBLEM_CONTENT_TYPE } from '../../contract/index.js';
import { type PlatformErrorCode, platformErrors } from './defineErrorCatalogue.js';
import type { ProblemError } from './ProblemError.js';
import { sendProblem, toProblemError } from './problemPlugin.js';

/** The problem for one of Node's `clientError` errors (`HPE_*` parser codes, time-outs). */
export function clientErrorProblem(error: NodeJS.ErrnoException & { reason?: string }) {
  const problem = (code: PlatformErrorCode, detail: string) => platformErrors.error(code, detail);
  switch (error.code) {
    case 'HPE_HEADER_OVERFLOW':
      return problem(
        'CK_HEADERS_TOO_LARGE',
        'The request line and headers are larger than this server accepts (16 KB): shorten the URL, the cookies or the other headers.',
      );
    case 'ERR_HTTP_REQUEST_TIMEOUT':
    case 'ERR_HTTP_HEADERS_TIMEOUT':
      return problem(
        'CK_REQUEST_TIMEOUT',
        'The request was not received in time; send it again at once and in full.',
      );
    default:
      return problem(
        'CK_BAD_REQUEST',
        `The request is not valid HTTP/1.1 (${error.reason ?? error.code ?? 'unreadable'}); check the request line, the headers and Content-Length.`,
      );
  }
}

/** A whole HTTP/1.1 answer carrying `problem`, for a socket no response object is attached to. */
export function rawProblemResponse(problem: ProblemError): string {
  const body = JSON.stringify(problem.toProblem());
  return [
    `HTTP/1.1 ${problem.status} ${STATUS_CODES[problem.status] ?? 'Error'}`,
    `Content-Type: ${PROBLEM_CONTENT_TYPE}; charset=utf-8`,
    `Content-Length: ${Buffer.byteLength(body)}`,
    'X-Content-Type-Options: nosniff',
    'Cache-Control: no-store',
    'Connection: close',
    '',
    body,
  ].join('\r\n');
}

/** Node's socket keeps the response in flight here; once its headers left, nothing may be added. */
type ServerSocket = Socket & { _httpMessage?: { headersSent?: boolean } | null };

function clientErrorHandler(
  this: { log: { debug(object: object, message: string): void } },
  error: NodeJS.ErrnoException,
  socket: ServerSocket,
): void {
  // A reset connection has nobody left to answer.
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  this.log.debug({ err: error }, 'malformed request refused');
  // As Node does: answer only when no answer of a previous request on this socket is under way,
  // or the bytes would corrupt it; then close, since the rest of the stream cannot be parsed.
  if (!socket.writable || socket._httpMessage?.headersSent) {
    socket.destroy();
    return;
  }
  socket.end(rawProblemResponse(clientErrorProblem(error)), () => socket.destroy());
}

function frameworkErrors(error: Error, request: FastifyRequest, reply: FastifyReply) {
  return sendProblem(reply, toProblemError(error), request);
}

/**
 * @example
 * const app = Fastify({ logger: true, ...problemServerOptions() });
 */
export function problemServerOptions(): Pick<
  FastifyServerOptions,
  'clientErrorHandler' | 'frameworkErrors'
> {
  return { clientErrorHandler, frameworkErrors };
}
