/**
 * The hook behind `useCourseData`, `useMyData` and `useParticipantData`: one document in the host's
 * QueryClient, read through the storage client and saved with an optimistic update that shows in
 * the same event as the click that saved (a controlled checkbox never flips back). Saving with a
 * function is the merge path: when someone saved first, the function is applied again to what is
 * stored now and the write retried (a bounded number of times, in `DocumentClient.update`). Saving
 * a plain value never overwrites another write: the conflict is reported with what is stored now,
 * and the phase decides (`retry` keeps its value, `discard` keeps theirs). Once the last pending
 * save of a document settles, the cache holds the newest stored version the client knows, which
 * is the saved document, the one from before a failed save (the rollback), or the conflicting one.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo, useRef, useState } from 'react';
import type { DocumentClient } from '../client/DocumentClient.js';
import { DocumentSchemaError } from '../client/DocumentSchemaError.js';
import type { TypedDocument } from '../client/TypedDocument.js';
import { VersionConflictError } from '../client/VersionConflictError.js';
import { retryTransient } from './isTransientError.js';
import { storageQueryKeys } from './storageQueryKeys.js';

/** The next document, or a pure function from the current one (the merge path) to the next. */
export type DocumentUpdate<T> = T | ((current: T | undefined) => T);

type SaveInput<T> = (
  | { readonly kind: 'change'; readonly change: (current: T | undefined) => T }
  | { readonly kind: 'replace'; readonly value: T; readonly baseVersion: number }
) & {
  /** What the screen shows while the save is under way. */
  readonly optimistic: T;
};

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

  // What this hook's own saves under way show, set in the same event as the click that saved: the
  // query cache notifies its observers a task later, and a checkbox must not lag its click (a
  // controlled input would flip back until then). Cleared once the last of these saves settles.
  const [optimistic, setOptimistic] = useState<{ data: T } | null>(null);
  const optimisticRef = useRef<{ data: T } | null>(null);
  const pendingSaves = useRef(0);
  const showOptimistic = useCallback((next: { data: T } | null) => {
    optimisticRef.current = next;
    setOptimistic(next);
  }, []);

  const settle = () => {
    pendingSaves.current -= 1;
    if (queryClient.isMutating({ mutationKey }) <= 1) showLatest();
    if (pendingSaves.current === 0) showOptimistic(null);
  };

  const showLatest = () => {
    // While other saves of this document are under way, their optimistic data stays.
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
      // Other views of this document show the save too, and no read under way may undo it.
      await queryClient.cancelQueries({ queryKey });
      const shown = queryClient.getQueryData<TypedDocument<T>>(queryKey);
      queryClient.setQueryData<TypedDocument<T>>(queryKey, {
        version: shown?.version ?? 0,
        updatedAt: shown?.updatedAt ?? null,
        updatedBy: shown?.updatedBy ?? null,
        data: input.optimistic,
      });
    },
    onSettled: settle,
  });

  /** Start a save: shown at once (in this event), then written. */
  const toInput = useCallback(
    (next: DocumentUpdate<T>): SaveInput<T> => {
      const cached = queryClient.getQueryData<TypedDocument<T>>(queryKey);
      let input: SaveInput<T>;
      if (typeof next === 'function') {
        const change = next as (current: T | undefined) => T;
        const shown = optimisticRef.current ? optimisticRef.current.data : cached?.data;
        input = { kind: 'change', change, optimistic: change(shown) };
      } else {
        // The version the user saw: the shown data may be optimistic, its version never is.
        input = {
          kind: 'replace',
          value: next,
          baseVersion: cached?.version ?? 0,
          optimistic: next,
        };
      }
      pendingSaves.current += 1;
      showOptimistic({ data: input.optimistic });
      return input;
    },
    [queryClient, queryKey, showOptimistic],
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
      retry: () => {
        if (lastInput.kind === 'change') return mutate(toInput(lastInput.change));
        const input = toInput(lastInput.value);
        mutate({
          ...input,
          kind: 'replace',
          value: lastInput.value,
          baseVersion: failed.current.version,
        });
      },
      discard: reset,
    };
  }, [failed, lastInput, document, mutate, reset, toInput]);

  return {
    data: optimistic ? optimistic.data : query.data?.data,
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
