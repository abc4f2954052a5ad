/**
 * The hook behind `useCourseData`, `useMyData` and `useParticipantData`: one document in the host's
 * QueryClient, read through the storage client, with two ways to write it.
 *
 * - `save(change)`: a change applied to whatever is stored when it is written (a tick, a counter).
 *   When someone saved first, the change is applied again to what is stored now and retried (a
 *   bounded number of times, in `DocumentClient.update`).
 * - A draft, for what a user edits before saving (a form, an editor): `edit` keeps the unsaved
 *   value in the hook together with the version it started from, and `saveDraft` writes over that
 *   version only. A newer stored version (saved elsewhere, and maybe already read by a background
 *   refetch) is never overwritten: the save ends in a `conflict` that shows what the other person
 *   changed and offers the document's merge, keeping mine, or taking theirs.
 *
 * Every save shows at once, in the same event as the click that made it (a controlled checkbox
 * never flips back), and is rolled back if it fails. Once the last pending save of a document
 * settles, the cache holds the newest stored version the client knows: the saved document, the one
 * from before a failed save, or the conflicting one.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo, useRef, useState } from 'react';
import type { DocumentClient } from '../client/DocumentClient.js';
import {
  type DocumentDraft,
  type DraftConflictInfo,
  draftConflict,
} from '../client/DocumentDraft.js';
import { describeLocation } from '../client/DocumentLocation.js';
import { DocumentSchemaError } from '../client/DocumentSchemaError.js';
import type { TypedDocument } from '../client/TypedDocument.js';
import { VersionConflictError } from '../client/VersionConflictError.js';
import { retryTransient } from './isTransientError.js';
import { storageQueryKeys } from './storageQueryKeys.js';

/** A change from the current document to the next; pure, since it may run several times. */
export type DocumentChange<T> = (current: T | undefined) => T;

/** The next draft, or a function from the current draft (or the document) to the next. */
export type DocumentUpdate<T> = T | DocumentChange<T>;

type SaveInput<T> = (
  | { readonly kind: 'change'; readonly change: DocumentChange<T> }
  | { readonly kind: 'draft'; readonly draft: DocumentDraft<T> }
) & {
  /** What the screen shows while the save is under way. */
  readonly optimistic: T;
};

/** A draft's save lost against another write: decide with `saveMerged`, `keepMine` or `takeTheirs`. */
export interface DocumentConflict<T> extends DraftConflictInfo<T> {
  error: VersionConflictError;
  /**
   * Save `merged` over what is stored now (resolves like `saveDraft`). Resolves `false` without
   * saving when `merged` is `undefined`.
   */
  saveMerged: () => Promise<boolean>;
  /** Save the draft over what is stored now: theirs is replaced by mine (resolves like `saveDraft`). */
  keepMine: () => Promise<boolean>;
  /** Forget the draft and keep what is stored now. */
  takeTheirs: () => void;
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
  /**
   * Save a change: applied to the current document, shown at once, rolled back if the save
   * fails; applied again to a newer document when someone saved first. Errors land in
   * `saveError`. For a value the user edited, use `edit` and `saveDraft` instead.
   *
   * @example
   * save((current) => ({ done: [...(current?.done ?? []), stepId] })); // merges with other tabs
   */
  save: (change: DocumentChange<T>) => void;
  /** `save` as a promise of the stored document, which rejects with the error. */
  saveAsync: (change: DocumentChange<T>) => Promise<TypedDocument<T>>;
  /** The unsaved edit, with the version it started from; `null` while there is none. */
  draft: DocumentDraft<T> | null;
  /**
   * Edit the draft (the first edit starts it from the document shown now, and remembers that
   * version). A function receives the draft so far, or the document.
   *
   * @example
   * edit((current) => ({ steps: [...(current?.steps ?? []), newStep] }));
   */
  edit: (next: DocumentUpdate<T>) => void;
  /**
   * Save the draft over the version it started from. Resolves `true` once stored (the draft is
   * then gone), `false` when it failed: see `conflict` (someone saved first) and `saveError`.
   */
  saveDraft: () => Promise<boolean>;
  /** Forget the draft (and the error of its last save). */
  discardDraft: () => void;
  /** Set when the draft's save lost against another write. */
  conflict: DocumentConflict<T> | null;
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

  // The draft belongs to one document: another document (another participant) starts without.
  const [draftState, setDraftState] = useState<{
    of: DocumentClient<T>;
    draft: DocumentDraft<T>;
  } | null>(null);
  const draft = draftState?.of === document ? draftState.draft : null;
  const draftRef = useRef(draft);
  draftRef.current = draft;
  const setDraft = useCallback(
    (next: DocumentDraft<T> | null) => {
      draftRef.current = next;
      setDraftState(next && { of: document, draft: next });
    },
    [document],
  );

  const showLatest = () => {
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

  const settle = () => {
    pendingSaves.current -= 1;
    // While other saves of this document are under way, their optimistic data stays.
    if (queryClient.isMutating({ mutationKey }) <= 1) showLatest();
    if (pendingSaves.current === 0) showOptimistic(null);
  };

  const mutation = useMutation<TypedDocument<T>, Error, SaveInput<T>>({
    mutationKey,
    mutationFn: (input) =>
      input.kind === 'change'
        ? document.update(input.change)
        : // The version the draft started from, whatever the client has read since.
          document.put(input.draft.data, input.draft.baseVersion),
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
  const { mutate, mutateAsync, reset } = mutation;

  /** Start a save: shown at once (in this event), then written. */
  const begin = useCallback(
    (input: SaveInput<T>): SaveInput<T> => {
      pendingSaves.current += 1;
      showOptimistic({ data: input.optimistic });
      return input;
    },
    [showOptimistic],
  );

  const changeInput = useCallback(
    (change: DocumentChange<T>): SaveInput<T> => {
      if (typeof change !== 'function') {
        throw new TypeError(
          'save() takes a change, (current) => next, which is applied to whatever is stored when it is written. To save a value the user edited, use edit(value) and saveDraft(): the draft remembers the version it started from, so a newer save by someone else becomes a conflict instead of being overwritten.',
        );
      }
      const shown = optimisticRef.current
        ? optimisticRef.current.data
        : queryClient.getQueryData<TypedDocument<T>>(queryKey)?.data;
      return begin({ kind: 'change', change, optimistic: change(shown) });
    },
    [begin, queryClient, queryKey],
  );
  const save = useCallback(
    (change: DocumentChange<T>) => mutate(changeInput(change)),
    [mutate, changeInput],
  );
  const saveAsync = useCallback(
    (change: DocumentChange<T>) => mutateAsync(changeInput(change)),
    [mutateAsync, changeInput],
  );

  const edit = useCallback(
    (next: DocumentUpdate<T>) => {
      const current = draftRef.current;
      let start: Omit<DocumentDraft<T>, 'data'> & { data: T | undefined };
      if (current) {
        start = current;
      } else {
        const shown = queryClient.getQueryData<TypedDocument<T>>(queryKey);
        const unreadable = queryClient.getQueryState(queryKey)?.error;
        if (shown) {
          start = { data: shown.data, base: shown.data, baseVersion: shown.version };
        } else if (unreadable instanceof DocumentSchemaError && unreadable.version !== null) {
          // A stored document this version cannot read: the draft replaces that version.
          start = { data: undefined, base: undefined, baseVersion: unreadable.version };
        } else {
          throw new Error(
            `edit() was called before ${describeLocation(location)} was read: show the editor once status is 'success'.`,
          );
        }
      }
      const data = typeof next === 'function' ? (next as DocumentChange<T>)(start.data) : next;
      setDraft({ data, base: start.base, baseVersion: start.baseVersion });
    },
    [location, queryClient, queryKey, setDraft],
  );

  const submit = useCallback(
    (submitted: DocumentDraft<T>): Promise<boolean> => {
      setDraft(submitted);
      return mutateAsync(
        begin({ kind: 'draft', draft: submitted, optimistic: submitted.data }),
      ).then(
        (stored) => {
          const now = draftRef.current;
          if (now === submitted) setDraft(null);
          // Edited while it was saved: the rest of the edit now builds on the saved version.
          else if (now) setDraft({ ...now, base: submitted.data, baseVersion: stored.version });
          return true;
        },
        () => false,
      );
    },
    [begin, mutateAsync, setDraft],
  );
  const saveDraft = useCallback(
    () => (draftRef.current ? submit(draftRef.current) : Promise.resolve(true)),
    [submit],
  );
  const discardDraft = useCallback(() => {
    setDraft(null);
    reset();
  }, [reset, setDraft]);

  const failed = mutation.error;
  const failedDraft = mutation.variables?.kind === 'draft';
  const conflict = useMemo((): DocumentConflict<T> | null => {
    if (!(failed instanceof VersionConflictError) || !failedDraft || !draft) return null;
    const info = draftConflict(document, draft, failed);
    const over = (data: T) => submit({ data, base: info.theirs, baseVersion: info.theirVersion });
    return {
      ...info,
      error: failed,
      saveMerged: () => (info.merged === undefined ? Promise.resolve(false) : over(info.merged)),
      keepMine: () => over(draft.data),
      takeTheirs: discardDraft,
    };
  }, [failed, failedDraft, draft, document, submit, discardDraft]);

  return {
    data: optimistic ? optimistic.data : query.data?.data,
    version: query.data?.version,
    status: query.status,
    error: query.error,
    isSaving: mutation.isPending,
    saveError: failed,
    save,
    saveAsync,
    draft,
    edit,
    saveDraft,
    discardDraft,
    conflict,
    refetch: refetchDocument,
  };
}
