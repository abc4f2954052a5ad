/**
 * `useMyData(handle)`: the signed-in user's own participant document, typed by its schema, with
 * `save`. Save with a function so that two tabs of the same user merge instead of conflicting.
 */
import type { z } from 'zod';
import type { ParticipantDocumentHandle } from '../client/defineDocuments.js';
import { usePhase } from './PhaseContext.js';
import type { DocumentState } from './useDocument.js';
import { useParticipantData } from './useParticipantData.js';

/**
 * @example
 * const progress = useMyData(documents.participant.own);
 * const tick = (id: string) => progress.save((mine) => ({ done: [...(mine?.done ?? []), id] }));
 */
export function useMyData<S extends z.ZodType>(
  handle: ParticipantDocumentHandle<S>,
): DocumentState<z.output<S>> {
  return useParticipantData(handle, usePhase().user.id);
}
