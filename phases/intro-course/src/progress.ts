/**
 * A participant's progress through the checklist: ticking is "make this step done (or not)", not
 * "flip it", so that applying the same tick again to a newer document (the merge path of `save`)
 * keeps what another tab ticked and still does what the user asked.
 */
import type { ChecklistStep, Progress } from './documents';

export function setStepDone(
  current: Progress | undefined,
  stepId: string,
  done: boolean,
): Progress {
  const ids = new Set(current?.done ?? []);
  if (done) ids.add(stepId);
  else ids.delete(stepId);
  return { done: [...ids] };
}

/** How many of the current steps are ticked (ticks of removed steps do not count). */
export function countDone(steps: readonly ChecklistStep[], progress: Progress | undefined): number {
  const done = new Set(progress?.done ?? []);
  return steps.filter((step) => done.has(step.id)).length;
}

/** "2 of 5 done". */
export function progressText(steps: readonly ChecklistStep[], progress: Progress | undefined) {
  return `${countDone(steps, progress)} of ${steps.length} done`;
}
