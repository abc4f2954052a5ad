/** The session: who is signed in (`GET /api/me`), `null` when nobody is. */

import type { CoreClient } from '@coursekit/phase-sdk/client';
import type { Me } from '@coursekit/phase-sdk/contract';
import { queryOptions } from '@tanstack/react-query';

export const sessionQueryKey = ['session'] as const;

export function sessionQuery(core: CoreClient) {
  return queryOptions<Me | null>({
    queryKey: sessionQueryKey,
    queryFn: () => core.me(),
    staleTime: 5 * 60_000,
  });
}
