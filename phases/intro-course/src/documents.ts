/**
 * What intro-course keeps in core storage: the checklist of the course phase (shared: staff edit
 * it, members read it; two lecturers' edits merge step by step) and each participant's ticks
 * (own: the student and staff).
 */
import { defineDocument, defineDocuments } from '@coursekit/phase-sdk';
import { z } from 'zod';
import { mergeChecklist } from './mergeChecklist';

export const ChecklistStep = z.object({
  /** Stable across renames and moves, so that students' ticks stay on their step. */
  id: z.string().min(1).max(100),
  label: z.string().trim().min(1, 'Every step needs a label.').max(200),
});
export type ChecklistStep = z.infer<typeof ChecklistStep>;

export const Checklist = z.object({ steps: z.array(ChecklistStep).max(100) });
export type Checklist = z.infer<typeof Checklist>;

/** The ids of the steps a participant ticked. */
export const Progress = z.object({ done: z.array(z.string()) });
export type Progress = z.infer<typeof Progress>;

export const documents = defineDocuments({
  course: { shared: defineDocument(Checklist, { merge: mergeChecklist }) },
  participant: { own: Progress },
});
