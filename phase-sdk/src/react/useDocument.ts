/**
 * The hook behind `useCourseData`, `useMyData` and `useParticipantData`: one document in the host's
 * QueryClient, read through the storage client and saved with an optimistic update. Saving with a
 * function is the merge path: when someone saved first, the function is applied again to what is
 * stored now and the write retried (a bounded number of times, in `DocumentClient.update`). Saving
 * a plain value never overwrites another write: the conflict is reported with what is stored now,
 * and the phase decides (`retry` keeps its value, `discard` keeps theirs). Once the last pending
 * save of a document settles, the cache holds the newest stored version the client knows, which
 * is the saved document, the one from before a failed save (the rollback), or the conflicting one.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import type { DocumentClient } from '../client/DocumentClient.js';
import { DocumentSchemaError } from '../client/DocumentSchemaError.js';
import type { TypedDocument } from '../client/TypedDocument.js';
import { VersionConflictError } from '../client/VersionConflictError.js';
import { retryTransient } from './isTransientError.js';
import { storageQueryKeys } from './storageQueryKeys.js';

/** The next document, or a pure function from the current one (the merge path) to the next. */
export type DocumentUpdate<T> = T | ((current: T | undefined) => T);

type SaveInput<T> =
  | { readonly kind: 'change'; readonly change: (current: T | undefined) => T }
  | { readonly kind: 'replace'; readonly value: T; readonly baseVersion: number };

/** Another write came first and this save was not applied. */
export interface DocumentConflict<T> {
  error: VersionConflictError;
  /**
   * What is stored now, already shown as `data`; `undefined` when it is empty or does not match
   * the schema.
   */
  current: T | undefined;
  /** Save again over the current version: your value (or change) wins. */
  retry: () => void;
  /** Keep what is stored now and forget the failed save. */
  discard: () => void;
}

export interface DocumentState<T> {
  /** The document; `undefined` while loading and while nothing was written. */
  data: T | undefined;
  /** Version of `data`; 0 while nothing was written, `undefined` while loading. */
  version: number | undefined;
  /** `pending` until the first read answers, `error` if it failed, then `success`. */
  status: 'pending' | 'error' | 'success';
  /**
   * Why reading failed: `DocumentSchemaError` (the stored document no longer matches the schema),
   * `CoreApiError` (e.g. 403 for a scope the user may not read) or `CoreNetworkError`.
   */
  error: Error | null;
  /** A save is under way. */
  isSaving: boolean;
  /** Why the last save failed (`VersionConflictError`, `DocumentSchemaError`, `CoreApiError`, ...). */
  saveError: Error | null;
  /** Set when the last save lost against another write; decide with `retry` or `discard`. */
  conflict: DocumentConflict<T> | null;
  /**
   * Save the document: shown at once, rolled back if the save fails. Errors land in `saveError`
   * and `conflict`.
   *
   * @example
   * save((current) => ({ done: [...(current?.done ?? []), stepId] })); // merges with other tabs
   * save({ steps });                                                   // reports a conflict
   */
  save: (next: DocumentUpdate<T>) => void;
  /** `save` as a promise of the stored document, which rejects with the error. */
  saveAsync: (next: DocumentUpdate<T>) => Promise<TypedDocument<T>>;
  /** Read the document again. */
  refetch: () => void;
}

export function useDocument<T>(
  document: DocumentClient<T>,
  coursePhaseId: string,
): DocumentState<T> {
  const queryClient = useQueryClient();
  const { location } = document;
  const queryKey = useMemo(
    () => storageQueryKeys.document(coursePhaseId, location),
    [coursePhaseId, location],
  );
  const mutationKey = useMemo(() => [...queryKey, 'save'], [queryKey]);

  const query = useQuery({ queryKey, queryFn: () => document.get(), retry: retryTransient });
  const { refetch } = query;
  const refetchDocument = useCallback(() => void refetch(), [refetch]);

  const settle = () => {
    // Other saves of this document are still under way: leave their optimistic data alone.
    if (queryClient.isMutating({ mutationKey }) > 1) return;
    try {
      const latest = document.latest();
      if (latest) queryClient.setQueryData(queryKey, latest);
      else void queryClient.invalidateQueries({ queryKey });
    } catch (error) {
      if (!(error instanceof DocumentSchemaError)) throw error;
      void queryClient.invalidateQueries({ queryKey });
    }
    if (location.level === 'participant') {
      void queryClient.invalidateQueries({
        queryKey: storageQueryKeys.participants(coursePhaseId, location.scope),
      });
    }
  };

  const mutation = useMutation<TypedDocument<T>, Error, SaveInput<T>>({
    mutationKey,
    mutationFn: (input) =>
      input.kind === 'change'
        ? document.update(input.change)
        : document.put(input.value, input.baseVersion),
    onMutate: async (input) => {
      await queryClient.cancelQueries({ queryKey });
      const shown = queryClient.getQueryData<TypedDocument<T>>(queryKey);
      const data = input.kind === 'change' ? input.change(shown?.data) : input.value;
      queryClient.setQueryData<TypedDocument<T>>(queryKey, {
        version: shown?.version ?? 0,
        updatedAt: shown?.updatedAt ?? null,
        updatedBy: shown?.updatedBy ?? null,
        data,
      });
    },
    onSettled: settle,
  });

  const toInput = useCallback(
    (next: DocumentUpdate<T>): SaveInput<T> => {
      if (typeof next === 'function') {
        return { kind: 'change', change: next as (current: T | undefined) => T };
      }
      // The version the user saw: the shown data may be optimistic, its version never is.
      const baseVersion = queryClient.getQueryData<TypedDocument<T>>(queryKey)?.version ?? 0;
      return { kind: 'replace', value: next, baseVersion };
    },
    [queryClient, queryKey],
  );

  const { mutate, mutateAsync, reset } = mutation;
  const save = useCallback((next: DocumentUpdate<T>) => mutate(toInput(next)), [mutate, toInput]);
  const saveAsync = useCallback(
    (next: DocumentUpdate<T>) => mutateAsync(toInput(next)),
    [mutateAsync, toInput],
  );

  const failed = mutation.error;
  const lastInput = mutation.variables;
  const conflict = useMemo((): DocumentConflict<T> | null => {
    if (!(failed instanceof VersionConflictError) || !lastInput) return null;
    let current: T | undefined;
    try {
      current = document.parse(failed.current).data;
    } catch {
      current = undefined;
    }
    return {
      error: failed,
      current,
      retry: () =>
        mutate(
          lastInput.kind === 'change'
            ? lastInput
            : { ...lastInput, baseVersion: failed.current.version },
        ),
      discard: reset,
    };
  }, [failed, lastInput, document, mutate, reset]);

  return {
    data: query.data?.data,
    version: query.data?.version,
    status: query.status,
    error: query.error,
    isSaving: mutation.isPending,
    saveError: failed,
    conflict,
    save,
    saveAsync,
    refetch: refetchDocument,
  };
}
