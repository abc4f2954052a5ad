/**
 * Request ids: one id per request, taken from an incoming `x-request-id` when it is a sane token
 * (so the host, nginx or an Ingress can start the chain) and generated otherwise. Fastify writes it
 * in every log line (`reqId`); the answer carries it back, and the request's own headers carry it
 * on, so the registry's gateway forwards it to the phase server, whose kit (this same plugin)
 * logs it again.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

export const REQUEST_ID_HEADER = 'x-request-id';

const SANE_ID = /^[\w.:-]{1,128}$/;

/** Fastify's `genReqId`: the caller's id when it is a plain token, else a fresh UUID. */
export function requestIdOf(request: IncomingMessage): string {
  const given = request.headers[REQUEST_ID_HEADER];
  return typeof given === 'string' && SANE_ID.test(given) ? given : randomUUID();
}

export const requestIdPlugin = fp(
  async (app: FastifyInstance) => {
    // Synchronous: an async hook costs a promise and a microtask turn on every request.
    app.addHook('onRequest', (request, reply, done) => {
      request.headers[REQUEST_ID_HEADER] = request.id;
      reply.header(REQUEST_ID_HEADER, request.id);
      done();
    });
  },
  { name: 'coursekit-request-id' },
);
