/**
 * A typed client of a phase's own server, made from its contract: one method per route of the
 * phase's `routes` object, each taking exactly the parts its route declares (`params`, `query`,
 * `body`) and resolving to its response type. Nothing is written by hand per route, so a phase
 * cannot have a client that disagrees with its server.
 */
import type { RouteContract, RouteInput, RouteOutput } from '../contract/index.js';
import { callRoute } from './callRoute.js';
import type { ApiFetch } from './createApiFetch.js';

/** The arguments of a call of route `R`: none when it declares no params, query or body. */
export type RouteArgs<R extends RouteContract> =
  Record<string, never> extends RouteInput<R> ? [input?: RouteInput<R>] : [input: RouteInput<R>];

export type RouteClient<Routes extends Record<string, RouteContract>> = {
  [K in keyof Routes]: (...args: RouteArgs<Routes[K]>) => Promise<RouteOutput<Routes[K]>>;
};

/**
 * @example
 * const client = createRouteClient(apiFetch, routes);
 * const { notes } = await client.listNotes();
 * await client.deleteNote({ params: { noteId } });
 */
export function createRouteClient<const Routes extends Record<string, RouteContract>>(
  apiFetch: ApiFetch,
  routes: Routes,
): RouteClient<Routes> {
  const client: Record<string, (input?: unknown) => Promise<unknown>> = {};
  for (const [name, route] of Object.entries(routes)) {
    client[name] = (input = {}) => callRoute(apiFetch, route, input as RouteInput<typeof route>);
  }
  return client as RouteClient<Routes>;
}
