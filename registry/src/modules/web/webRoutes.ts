/**
 * Static hosting: client-only phase bundles under `/remotes/<phase>/<version>/` and the host SPA
 * at `/`. Content-hashed files are immutable; manifests, entries and `index.html` are `no-cache`,
 * so a deploy is visible at once and nothing is downloaded twice. Remotes allow any origin, since
 * hosts on other origins fetch their manifests with `fetch()`. The builds carry `.br`/`.gz` copies
 * of their files (the build helper writes them), served as they are to a client that accepts them,
 * with `Content-Encoding` and `Vary: Accept-Encoding`; other clients get the identity bytes.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { sendProblem } from '@coursekit/phase-sdk/server';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../../errors.js';

const HASHED = /\.[0-9a-f]{8,}\.(?:js|css|mjs|map|woff2?|png|svg)$/;

/** A precompressed copy is cached like the file it encodes. */
const ENCODED_COPY = /\.(?:br|gz)$/;

function cacheHeaders(reply: FastifyReply, path: string) {
  reply.header(
    'cache-control',
    HASHED.test(path.replace(ENCODED_COPY, ''))
      ? 'public, max-age=31536000, immutable'
      : 'no-cache',
  );
}

/** Paths the SPA never owns: an unknown one there is a real 404, not the app shell. */
const NOT_SPA = /^\/(?:api|remotes|phase-api|\.well-known|healthz|readyz)(?:\/|$)/;

async function web(app: FastifyInstance, options: { hostDist: string; remotesDir: string }) {
  await app.register(fastifyStatic, {
    root: options.remotesDir,
    prefix: '/remotes/',
    decorateReply: false,
    index: false,
    wildcard: true,
    cacheControl: false,
    preCompressed: true,
    setHeaders: (reply, path) => {
      cacheHeaders(reply, path);
      reply.header('access-control-allow-origin', '*');
    },
  });

  const hasHost = existsSync(join(options.hostDist, 'index.html'));
  if (hasHost) {
    await app.register(fastifyStatic, {
      root: options.hostDist,
      prefix: '/',
      index: false,
      wildcard: false,
      cacheControl: false,
      preCompressed: true,
      setHeaders: cacheHeaders,
    });
  }

  app.setNotFoundHandler((request: FastifyRequest, reply: FastifyReply) => {
    const wantsHtml = (request.headers.accept ?? '').includes('text/html');
    if (hasHost && request.method === 'GET' && wantsHtml && !NOT_SPA.test(request.url)) {
      return reply.header('cache-control', 'no-cache').sendFile('index.html', options.hostDist);
    }
    const path = request.url.split('?')[0] ?? request.url;
    const hint =
      !hasHost && path === '/'
        ? ' The host bundle is not built: run `npm start` from the repository root.'
        : '';
    return sendProblem(
      reply,
      new AppError(
        'CK_ROUTE_NOT_FOUND',
        `${request.method} ${path} is not a route of this server.${hint}`,
      ),
      request,
    );
  });
}

/** Registered at the root (not encapsulated) so that it owns the server-wide not-found handler. */
export const webRoutes = fp(web, { name: 'coursekit-web' });
