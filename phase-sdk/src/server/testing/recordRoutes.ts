/**
 * The routes a Fastify server really registers, for tests that must cover every one of them
 * (a hand-written list goes stale when a route is added). Fastify announces each new instance on
 * the `fastify.initialization` diagnostics channel; the recorder adds an `onRoute` hook there, so
 * it sees every route, those of plugins included, without the server's code knowing about it.
 */
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { FastifyInstance, RouteOptions } from 'fastify';

export interface RouteRecorder {
  /** The routes registered so far on `app` (HEAD routes, which Fastify adds for GET ones, left out). */
  routesOf(app: FastifyInstance): RouteOptions[];
  /** Stop recording new instances (routes of instances already seen are still recorded). */
  stop(): void;
}

const CHANNEL = 'fastify.initialization';

/**
 * Start recording before the server is built.
 *
 * @example
 * const recorder = recordRoutes();
 * const t = await createTestPhaseServer(server);
 * recorder.stop();
 * const routes = recorder.routesOf(t.app);
 */
export function recordRoutes(): RouteRecorder {
  const byInstance = new Map<FastifyInstance, RouteOptions[]>();
  const onInstance = (message: unknown) => {
    const { fastify } = message as { fastify: FastifyInstance };
    const routes: RouteOptions[] = [];
    byInstance.set(fastify, routes);
    fastify.addHook('onRoute', (route) => {
      if (route.method !== 'HEAD') routes.push(route);
    });
  };
  subscribe(CHANNEL, onInstance);
  return {
    routesOf: (app) => {
      const routes = byInstance.get(app);
      if (!routes)
        throw new Error(
          'This app was not built while recording: call recordRoutes() before building it.',
        );
      return [...routes];
    },
    stop: () => unsubscribe(CHANNEL, onInstance),
  };
}
