/**
 * `useRouteMutation(route)`: call a changing route of the phase's own server (POST, PUT, PATCH,
 * DELETE) through TanStack Query. Once it succeeded, this course phase's cached answers of its
 * server are refetched (or only those of `invalidates`), so every screen shows the change. A
 * failure is a `PhaseApiError` with the server's problem+json, and nothing is retried: a change is
 * sent once.
 */
import { type UseMutationResult, useMutation, useQueryClient } from '@tanstack/react-query';
import { callRoute } from '../client/callRoute.js';
import type { PhaseApiError } from '../client/PhaseApiError.js';
import type { RouteContract, RouteInput, RouteOutput } from '../contract/index.js';
import { usePhase } from './PhaseContext.js';
import { phaseApiQueryKeys } from './phaseApiQueryKeys.js';

/** What `mutate` takes for route `R`: nothing when it declares no params, query or body. */
export type RouteVariables<R extends RouteContract> =
  Record<string, never> extends RouteInput<R>
    ? // biome-ignore lint/suspicious/noConfusingVoidType: a `void` parameter is what lets `mutate()` be called without an argument
      RouteInput<R> | undefined | void
    : RouteInput<R>;

export interface RouteMutationOptions {
  /** The routes whose answers the change makes stale; default every route of this phase's server. */
  invalidates?: readonly RouteContract[];
}

/**
 * @example
 * const createNote = useRouteMutation(routes.createNote);
 * createNote.mutate({ body: { text } }, { onSuccess: () => setText('') });
 * {createNote.isError && <p role="alert">{createNote.error.message}</p>}
 */
export function useRouteMutation<R extends RouteContract>(
  route: R,
  options: RouteMutationOptions = {},
): UseMutationResult<RouteOutput<R>, PhaseApiError, RouteVariables<R>> {
  const { apiFetch, coursePhase } = usePhase();
  const queryClient = useQueryClient();
  return useMutation<RouteOutput<R>, PhaseApiError, RouteVariables<R>>({
    mutationFn: (input) => callRoute(apiFetch, route, (input ?? {}) as RouteInput<R>),
    onSuccess: () => {
      const stale = options.invalidates?.map((other) =>
        phaseApiQueryKeys.route(coursePhase.id, other),
      ) ?? [phaseApiQueryKeys.all(coursePhase.id)];
      return Promise.all(stale.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
    },
  });
}
