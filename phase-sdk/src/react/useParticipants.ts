/**
 * `useParticipants(handle)`: every student of the course with their document of `handle`, page by
 * page (staff only). Items are typed by the schema; a participant whose stored document does not
 * match it keeps `data` empty and carries a `schemaError`, so one outdated document never hides
 * the others.
 */
import { useInfiniteQuery } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import type { z } from 'zod';
import type { ParticipantDocumentHandle } from '../client/defineDocuments.js';
import type { TypedParticipant } from '../client/TypedDocument.js';
import { retryTransient } from './isTransientError.js';
import { usePhase } from './PhaseContext.js';
import { storageQueryKeys } from './storageQueryKeys.js';

export interface ParticipantsOptions {
  /** Participants per page, 1 to 200. Default 50. */
  pageSize?: number;
}

export interface ParticipantsState<T> {
  /** The participants of every page loaded so far, in the core's order (by name). */
  items: TypedParticipant<T>[];
  status: 'pending' | 'error' | 'success';
  /** Why loading failed (e.g. `CoreApiError` 403 for a student). */
  error: Error | null;
  /** More participants than loaded: call `fetchNextPage`. */
  hasNextPage: boolean;
  fetchNextPage: () => void;
  isFetchingNextPage: boolean;
  /** Any load is under way (first page, next page or a refetch). */
  isFetching: boolean;
  /** Load every page again. */
  refetch: () => void;
}

/**
 * @example
 * const participants = useParticipants(documents.participant.own);
 * participants.items.map((p) => `${p.name}: ${p.data?.done.length ?? 0} done`);
 */
export function useParticipants<S extends z.ZodType>(
  handle: ParticipantDocumentHandle<S>,
  options: ParticipantsOptions = {},
): ParticipantsState<z.output<S>> {
  const { storage, coursePhase } = usePhase();
  if (handle?.level !== 'participant') {
    throw new TypeError(
      'useParticipants() takes a participant document handle (documents.participant.own or documents.participant.restricted).',
    );
  }
  const limit = options.pageSize ?? 50;
  const query = useInfiniteQuery({
    queryKey: [...storageQueryKeys.participants(coursePhase.id, handle.scope), limit],
    queryFn: ({ pageParam }) => storage.participants(handle, { limit, cursor: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    retry: retryTransient,
  });
  const { fetchNextPage, refetch } = query;
  const items = useMemo(() => query.data?.pages.flatMap((page) => page.items) ?? [], [query.data]);
  return {
    items,
    status: query.status,
    error: query.error,
    hasNextPage: query.hasNextPage,
    fetchNextPage: useCallback(() => void fetchNextPage(), [fetchNextPage]),
    isFetchingNextPage: query.isFetchingNextPage,
    isFetching: query.isFetching,
    refetch: useCallback(() => void refetch(), [refetch]),
  };
}
