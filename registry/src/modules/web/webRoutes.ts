/**
 * Static hosting: client-only phase bundles under `/remotes/<phase>/<version>/` and the host SPA
 * at `/`. Content-hashed files are immutable; manifests, entries and `index.html` are `no-cache`,
 * so a deploy is visible at once and nothing is downloaded twice. Remotes allow any origin, since
 * hosts on other origins fetch their manifests with `fetch()`. The builds carry `.br`/`.gz` copies
 * of their files (the build helper writes them), served as they are to a client that accepts them,
 * with `Content-Encoding` and `Vary: Accept-Encoding`; other clients get the identity bytes.
 *
 * Every host page (`text/html` outside `/api/`) carries the Content-Security-Policy of
 * `hostPagePolicy`, naming the origins phases may be loaded from (`HostPageOrigins`).
 *
 * What is not served: folders (a 404 that says so, never a listing), the host's source maps (its
 * production build keeps them for operators, `hidden-source-map`), and a phase version's source
 * maps unless its `phase.json` says `"sourceMaps": "public"`.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PHASE_DESCRIPTOR_FILE } from '@coursekit/phase-sdk/contract';
import type { Db } from '@coursekit/phase-sdk/server';
import { sendProblem } from '@coursekit/phase-sdk/server';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../../errors.js';
import { hostPagePolicy } from '../../plugins/contentSecurityPolicy.js';
import { HostPageDocument } from './HostPageDocument.js';
import { HostPageOrigins } from './HostPageOrigins.js';
import { isSourceMap, PublicSourceMaps } from './PublicSourceMaps.js';

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

const REMOTES = '/remotes/';

/** The request's path without its query, decoded as the router decoded it. */
function pathOf(request: FastifyRequest): string {
  const raw = request.url.split('?')[0] ?? request.url;
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

export interface WebOptions {
  hostDist: string;
  remotesDir: string;
  db: Db;
  /** The registry's `PUBLIC_URL`. */
  publicUrl: string;
}

async function web(app: FastifyInstance, options: WebOptions) {
  const hasHost = existsSync(join(options.hostDist, 'index.html'));

  const origins = new HostPageOrigins(app, options.db, options.publicUrl);
  app.addHook('onSend', async (request, reply, payload) => {
    const type = String(reply.getHeader('content-type') ?? '');
    if (!type.startsWith('text/html') || request.routeOptions.url?.startsWith('/api/'))
      return payload;
    const page = await origins.forPage(request);
    reply.header('content-security-policy', hostPagePolicy(page.origins, page.sockets));
    // A developer's page names their own servers: no shared cache may hand it to anyone else.
    if (page.personal) reply.header('cache-control', 'private, no-cache');
    return payload;
  });

  const document = new HostPageDocument(app, options.hostDist);
  app.setNotFoundHandler(async (request: FastifyRequest, reply: FastifyReply) => {
    const wantsHtml = (request.headers.accept ?? '').includes('text/html');
    if (hasHost && request.method === 'GET' && wantsHtml && !NOT_SPA.test(request.url)) {
      const personal = await document.personal(request, pathOf(request));
      if (personal !== null) {
        // This user's answers: no shared cache may keep the page or hand it to anyone else.
        return reply
          .header('cache-control', 'private, no-cache')
          .header('vary', 'cookie')
          .type('text/html; charset=utf-8')
          .send(personal);
      }
      return reply.header('cache-control', 'no-cache').sendFile('index.html', options.hostDist);
    }
    const path = request.url.split('?')[0] ?? request.url;
    if (path.startsWith(REMOTES)) {
      return sendProblem(
        reply,
        new AppError(
          'CK_NOT_FOUND',
          `No published phase file is at ${path}; files are served as /remotes/<phase>/<version>/<file> (for example phase.json), and folders are not listed.`,
        ),
        request,
      );
    }
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

  const sourceMaps = new PublicSourceMaps(async (phase, version) => {
    try {
      return await readFile(join(options.remotesDir, phase, version, PHASE_DESCRIPTOR_FILE));
    } catch {
      return null;
    }
  });
  await app.register(async (remotes) => {
    // Folders are no files: without this, the static plugin refuses them with a 403.
    remotes.addHook('onRequest', async (request, reply) => {
      const path = pathOf(request);
      if (path.endsWith('/')) return reply.callNotFound();
      if (!isSourceMap(path)) return;
      const [phase = '', version = ''] = path.slice(REMOTES.length).split('/');
      if (await sourceMaps.allows(phase, version)) return;
      return sendProblem(
        reply,
        new AppError(
          'CK_NOT_FOUND',
          `Source maps are served only for phase versions whose phase.json says "sourceMaps": "public"; ${phase} ${version} does not, or is not published. Build it with definePhaseConfig({ sourceMaps: 'public' }) to publish them.`,
        ),
        request,
      );
    });
    await remotes.register(fastifyStatic, {
      root: options.remotesDir,
      prefix: REMOTES,
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
  });

  if (hasHost) {
    await app.register(fastifyStatic, {
      root: options.hostDist,
      prefix: '/',
      index: false,
      wildcard: false,
      cacheControl: false,
      preCompressed: true,
      // The host's maps stay with whoever deployed it (error tracking), never public.
      allowedPath: (path) => !isSourceMap(path),
      setHeaders: cacheHeaders,
    });
  }
}

/** Registered at the root (not encapsulated) so that it owns the server-wide not-found handler. */
export const webRoutes = fp(web, { name: 'coursekit-web' });
