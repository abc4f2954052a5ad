/**
 * `useCourseData(handle)`: a course-phase document (`documents.course.shared` or `.restricted`)
 * of the mounted course phase, typed by its schema, with `save`.
 */
import { useMemo } from 'react';
import type { z } from 'zod';
import type { CourseDocumentHandle } from '../client/defineDocuments.js';
import { usePhase } from './PhaseContext.js';
import { type DocumentState, useDocument } from './useDocument.js';

/**
 * @example
 * const checklist = useCourseData(documents.course.shared);
 * if (checklist.status === 'pending') return <p>Loading…</p>;
 * // an editor: the draft remembers the version it started from
 * checklist.edit((current) => ({ steps: [...(current?.steps ?? []), newStep] }));
 * await checklist.saveDraft(); // false and checklist.conflict when someone saved in between
 */
export function useCourseData<S extends z.ZodType>(
  handle: CourseDocumentHandle<S>,
): DocumentState<z.output<S>> {
  const { storage, coursePhase } = usePhase();
  if (handle?.level !== 'course') {
    throw new TypeError(
      'useCourseData() takes a course document handle (documents.course.shared or documents.course.restricted); for participant documents use useMyData() or useParticipantData().',
    );
  }
  const document = useMemo(() => storage.document(handle), [storage, handle]);
  return useDocument(document, coursePhase.id);
}
