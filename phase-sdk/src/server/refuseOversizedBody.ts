/**
 * A body over the route's limit, refused without closing the connection. Fastify answers such a
 * body 413 with `Connection: close` and closes the socket while the client is still sending it;
 * the unread bytes make the kernel reset the connection, and the client (a browser, or the core's
 * gateway forwarding to a phase server) often loses the 413 itself and reports a network error
 * (the gateway: a 502). Refused here, from `Content-Length` before anything is read, the answer
 * leaves the body to Node, which reads and discards it, and the connection goes on. Add it as an
 * `onRequest` hook to every server.
 */
import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import { PROBLEM_CONTENT_TYPE } from '../contract/index.js';

export interface OversizedBodyOptions {
  /** Requests whose bodies this server streams elsewhere unread (the core's gateway). */
  skip?: (request: FastifyRequest) => boolean;
}

/**
 * An `onRequest` hook answering 413 problem+json (`CK_PAYLOAD_TOO_LARGE`) when `Content-Length`
 * exceeds the route's `bodyLimit`.
 *
 * @example
 * app.addHook('onRequest', refuseOversizedBody());
 */
export function refuseOversizedBody(options: OversizedBodyOptions = {}) {
  // Synchronous: it runs on every request, and an async hook costs a promise and a microtask turn.
  return (request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) => {
    const length = Number(request.headers['content-length']);
    const limit = request.routeOptions.bodyLimit;
    if (!Number.isFinite(length) || limit === undefined || length <= limit) return done();
    if (options.skip?.(request)) return done();
    // Answered here: Fastify stops the request when a callback hook sends without calling done.
    reply
      .code(413)
      .type(PROBLEM_CONTENT_TYPE)
      .send({
        type: 'https://coursekit.dev/errors/CK_PAYLOAD_TOO_LARGE',
        title: 'The request body is too large',
        status: 413,
        code: 'CK_PAYLOAD_TOO_LARGE',
        detail: `The body has ${length} bytes; this route accepts at most ${limit}. Send less, or split it.`,
        instance: request.url.split('?')[0],
      });
  };
}
