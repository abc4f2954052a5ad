/**
 * The admin console's reads as query options (shared by pages and invalidations), and the one
 * `AdminApi` per host, taken from the app's core client.
 */
import type { AuditQuery, MembersQuery } from '@coursekit/phase-sdk/contract';
import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useAppServices } from '../app/AppServices';
import { AdminApi, type AuditScope } from './AdminApi';

export function useAdminApi(): AdminApi {
  const { core } = useAppServices();
  return useMemo(() => new AdminApi(core), [core]);
}

export const adminKeys = {
  all: ['admin'] as const,
  members: (courseId: string) => ['admin', 'members', courseId] as const,
  composition: (courseId: string) => ['admin', 'composition', courseId] as const,
  catalogue: ['admin', 'catalogue'] as const,
  audit: ['admin', 'audit'] as const,
  publishers: ['admin', 'publishers'] as const,
  apiTokens: ['admin', 'api-tokens'] as const,
};

export function membersQuery(api: AdminApi, courseId: string, query: MembersQuery) {
  return queryOptions({
    queryKey: [...adminKeys.members(courseId), query],
    queryFn: () => api.members(courseId, query),
    placeholderData: (previous) => previous,
  });
}

export function compositionQuery(api: AdminApi, courseId: string) {
  return queryOptions({
    queryKey: adminKeys.composition(courseId),
    queryFn: () => api.composition(courseId),
  });
}

/** The catalogue; `courseId` when a lecturer composes that course (they cannot read the admin one). */
export function catalogueQuery(api: AdminApi, courseId?: string) {
  return queryOptions({
    queryKey: [...adminKeys.catalogue, courseId ?? null],
    queryFn: () => api.catalogue(courseId),
  });
}

export function auditQuery(api: AdminApi, scope: AuditScope, filters: Omit<AuditQuery, 'cursor'>) {
  return infiniteQueryOptions({
    queryKey: [...adminKeys.audit, scope, filters],
    queryFn: ({ pageParam }) => api.audit(scope, { ...filters, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}
