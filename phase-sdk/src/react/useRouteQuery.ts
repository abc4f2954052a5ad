/**
 * `useRouteQuery(route, input)`: read one route of the phase's own server through the host's
 * shared QueryClient (TanStack Query): cached per course phase, route and input, deduplicated,
 * refetched after `useRouteMutation` changes something, retried when the failure can pass. Errors
 * are `PhaseApiError`s carrying the server's problem+json.
 */
import { type UseQueryResult, useQuery, useQueryClient } from '@tanstack/react-query';
import { callRoute } from '../client/callRoute.js';
import type { RouteArgs } from '../client/createRouteClient.js';
import type { PhaseApiError } from '../client/PhaseApiError.js';
import type { RouteContract, RouteInput, RouteOutput } from '../contract/index.js';
import { usePhase } from './PhaseContext.js';
import { phaseApiQueryKeys } from './phaseApiQueryKeys.js';

/** A failure worth trying again: the server or the network, not a refusal. */
const retryServerErrors = (failureCount: number, error: PhaseApiError) =>
  error.status >= 500 && failureCount < 2;

/**
 * @example
 * const notes = useRouteQuery(routes.listNotes);
 * const topic = useRouteQuery(routes.getTopic, { params: { topicId } });
 * if (notes.isPending) return <p role="status">Loading…</p>;
 * if (notes.isError) return <p role="alert">{notes.error.message}</p>;
 * return <NoteList notes={notes.data.notes} />;
 */
export function useRouteQuery<R extends RouteContract>(
  route: R,
  ...[input]: RouteArgs<R>
): UseQueryResult<RouteOutput<R>, PhaseApiError> {
  const { apiFetch, coursePhase } = usePhase();
  // A QueryClient that turns retries off (the test kit's) is obeyed: a test sees a failure at once.
  const retriesOff = useQueryClient().getDefaultOptions().queries?.retry === false;
  if (route.method !== 'GET') {
    throw new TypeError(
      `useRouteQuery() reads; ${route.method} ${route.path} changes something: use useRouteMutation() for it.`,
    );
  }
  return useQuery<RouteOutput<R>, PhaseApiError>({
    queryKey: phaseApiQueryKeys.call(coursePhase.id, route, input),
    queryFn: () => callRoute(apiFetch, route, (input ?? {}) as RouteInput<R>),
    retry: retriesOff ? false : retryServerErrors,
  });
}
