/** The documents of an imaginary checklist phase, used across the storage tests. */
import { z } from 'zod';
import { defineDocument, defineDocuments } from '../../index.js';

export const Checklist = z.object({
  steps: z.array(z.object({ id: z.string(), label: z.string().min(1) })),
});
export type Checklist = z.infer<typeof Checklist>;

export const Progress = z.object({ done: z.array(z.string()) });
export type Progress = z.infer<typeof Progress>;

/** Both edits' steps: theirs, then mine that they do not have; a step both have keeps mine. */
export function mergeSteps(
  _base: Checklist | undefined,
  mine: Checklist,
  theirs: Checklist,
): Checklist {
  const mineById = new Map(mine.steps.map((step) => [step.id, step]));
  const theirIds = new Set(theirs.steps.map((step) => step.id));
  return {
    steps: [
      ...theirs.steps.map((step) => mineById.get(step.id) ?? step),
      ...mine.steps.filter((step) => !theirIds.has(step.id)),
    ],
  };
}

export const documents = defineDocuments({
  course: { shared: defineDocument(Checklist, { merge: mergeSteps }), restricted: Checklist },
  participant: { own: Progress },
});

/** Tick a step: the updater form, which merges with other tabs. */
export const tick =
  (id: string) =>
  (current: Progress | undefined): Progress => ({
    done: [...new Set([...(current?.done ?? []), id])],
  });
