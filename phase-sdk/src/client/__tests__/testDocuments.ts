/** The documents of an imaginary checklist phase, used across the storage tests. */
import { z } from 'zod';
import { defineDocuments } from '../../index.js';

export const Checklist = z.object({
  steps: z.array(z.object({ id: z.string(), label: z.string().min(1) })),
});
export type Checklist = z.infer<typeof Checklist>;

export const Progress = z.object({ done: z.array(z.string()) });
export type Progress = z.infer<typeof Progress>;

export const documents = defineDocuments({
  course: { shared: Checklist },
  participant: { own: Progress },
});

/** Tick a step: the updater form, which merges with other tabs. */
export const tick =
  (id: string) =>
  (current: Progress | undefined): Progress => ({
    done: [...new Set([...(current?.done ?? []), id])],
  });
