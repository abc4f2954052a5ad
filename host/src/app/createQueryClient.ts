/**
 * The query client of the shell. Client errors (4xx) are answers, not accidents: they are not
 * retried. A 401 anywhere means the session ended, so the session query is set to signed out and
 * the session guard sends the user to the sign-in page.
 */
import { CoreApiError } from '@coursekit/phase-sdk/client';
import { QueryCache, QueryClient } from '@tanstack/react-query';
import { sessionQueryKey } from '../auth/sessionQuery';

function isClientError(error: unknown): boolean {
  return error instanceof CoreApiError && error.status >= 400 && error.status < 500;
}

export function createQueryClient(): QueryClient {
  const queryClient: QueryClient = new QueryClient({
    queryCache: new QueryCache({
      onError: (error) => {
        if (error instanceof CoreApiError && error.status === 401) {
          queryClient.setQueryData(sessionQueryKey, null);
        }
      },
    }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        retry: (failureCount, error) => !isClientError(error) && failureCount < 2,
      },
      mutations: { retry: false },
    },
  });
  return queryClient;
}
