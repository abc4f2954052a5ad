/**
 * The checklist as everyone sees it: the one a lecturer saved, or (until then) the steps of the
 * course phase's configuration. Wraps `useCourseData` so that every view agrees on the fallback.
 */
import { type DocumentState, useCourseData, useCoursePhase } from '@coursekit/phase-sdk/react';
import { useMemo } from 'react';
import { checklistFromConfig } from './checklist';
import { type Checklist, type ChecklistStep, documents } from './documents';

export interface ChecklistView {
  /** The steps to show: stored, or from the configuration while nothing is stored. */
  steps: ChecklistStep[];
  /** Whether a lecturer saved a checklist (`false`: the steps come from the configuration). */
  isStored: boolean;
  /** The steps of the configuration (or the defaults), shown while nothing is stored. */
  fallback: ChecklistStep[];
  document: DocumentState<Checklist>;
}

export function useChecklist(): ChecklistView {
  const { coursePhase } = useCoursePhase();
  const document = useCourseData(documents.course.shared);
  const fallback = useMemo(() => checklistFromConfig(coursePhase.config), [coursePhase.config]);
  const stored = document.data?.steps;
  return { steps: stored ?? fallback, isStored: stored !== undefined, fallback, document };
}
