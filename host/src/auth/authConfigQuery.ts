/** How users sign in on this registry (dev login or an OpenID Connect provider); fixed per deploy. */
import type { CoreClient } from '@coursekit/phase-sdk/client';
import { queryOptions } from '@tanstack/react-query';

export function authConfigQuery(core: CoreClient) {
  return queryOptions({
    queryKey: ['auth-config'],
    queryFn: () => core.authConfig(),
    staleTime: Number.POSITIVE_INFINITY,
  });
}
