/**
 * `useParticipantData(handle, userId)`: one participant's document (`documents.participant.own` or
 * `.restricted`), typed by its schema, with `save`. Staff read and write any participant's; a
 * participant only their own `own` document (which `useMyData` is for).
 */
import { useMemo } from 'react';
import type { z } from 'zod';
import type { ParticipantDocumentHandle } from '../client/defineDocuments.js';
import { usePhase } from './PhaseContext.js';
import { type DocumentState, useDocument } from './useDocument.js';

/**
 * @example
 * const notes = useParticipantData(documents.participant.restricted, studentId);
 * notes.save((current) => ({ ...current, grade: 'A' }));
 */
export function useParticipantData<S extends z.ZodType>(
  handle: ParticipantDocumentHandle<S>,
  userId: string,
): DocumentState<z.output<S>> {
  const { storage, coursePhase } = usePhase();
  if (handle?.level !== 'participant') {
    throw new TypeError(
      'useParticipantData() takes a participant document handle (documents.participant.own or documents.participant.restricted); for course-phase documents use useCourseData().',
    );
  }
  const document = useMemo(() => storage.document(handle, userId), [storage, handle, userId]);
  return useDocument(document, coursePhase.id);
}
