/**
 * Applies one composition change based on the revision on screen. When someone else changed the
 * course in between, the registry refuses with 409 and the current composition: the screen then
 * shows that state and keeps the refused change, which the user re-applies on top or discards.
 * Nothing is ever written over a change the user has not seen.
 */
import { CoreApiError } from '@coursekit/phase-sdk/client';
import {
  Composition,
  type CreateCoursePhase,
  type UpdateCoursePhase,
} from '@coursekit/phase-sdk/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useAppServices } from '../../app/AppServices';
import { resolvedCourseQuery } from '../../courses/courseQueries';
import { adminKeys, compositionQuery, useAdminApi } from '../adminQueries';

export type CompositionChange =
  | { kind: 'add'; label: string; phase: CreateCoursePhase }
  | { kind: 'update'; label: string; coursePhaseId: string; patch: UpdateCoursePhase };

export interface Conflict {
  change: CompositionChange;
  current: Composition;
}

export function useCompositionChange(courseId: string) {
  const api = useAdminApi();
  const { core } = useAppServices();
  const queryClient = useQueryClient();
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const key = compositionQuery(api, courseId).queryKey;

  const mutation = useMutation({
    mutationFn: async (change: CompositionChange) => {
      const revision = queryClient.getQueryData(key)?.revision;
      if (revision === undefined)
        throw new Error('Bug: a composition change before the composition was read.');
      return change.kind === 'add'
        ? api.addPhase(courseId, revision, change.phase)
        : api.updatePhase(courseId, change.coursePhaseId, revision, change.patch);
    },
    onMutate: async (change) => {
      setConflict(null);
      // Show a toggle or a new pin at once; the registry's answer (or refusal) replaces it.
      // Settings are not shown before they are accepted: a refused form keeps what was typed.
      if (change.kind === 'update') {
        // A refetch under way read the composition before this change: its answer must not
        // overwrite what is shown (onSettled reads it again).
        await queryClient.cancelQueries({ queryKey: key });
        const { position: _position, config: _config, ...shown } = change.patch;
        queryClient.setQueryData(
          key,
          (old) =>
            old && {
              ...old,
              phases: old.phases.map((p) =>
                p.id === change.coursePhaseId ? { ...p, ...shown } : p,
              ),
            },
        );
      }
    },
    onError: (error, change) => {
      if (error instanceof CoreApiError && error.code === 'CK_COMPOSITION_CONFLICT') {
        const current = Composition.safeParse((error.body as { current?: unknown })?.current);
        if (current.success) {
          queryClient.setQueryData(key, current.data);
          setConflict({ change, current: current.data });
        }
      }
    },
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: key }),
        queryClient.invalidateQueries({ queryKey: resolvedCourseQuery(core, courseId).queryKey }),
        queryClient.invalidateQueries({ queryKey: adminKeys.audit }),
        queryClient.invalidateQueries({ queryKey: adminKeys.catalogue }),
      ]),
  });

  return {
    apply: mutation.mutate,
    pending: mutation.isPending,
    /** The change in flight or last refused, to show its errors at the right place. */
    last: mutation.variables,
    error: conflict ? null : mutation.error,
    conflict,
    reapply: () => conflict && mutation.mutate(conflict.change),
    discard: () => {
      setConflict(null);
      mutation.reset();
    },
  };
}
