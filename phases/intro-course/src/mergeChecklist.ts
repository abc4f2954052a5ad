/**
 * How two lecturers' edits of the checklist merge, step by step id, against the version both
 * started from: a step either of them removed is gone, steps either added are kept (each after
 * the step it followed), a rename survives unless both renamed the same step (then mine wins, as
 * the one saving now chose), and the order is theirs unless only I reordered.
 */
import type { Checklist, ChecklistStep } from './documents';

const ids = (steps: readonly ChecklistStep[]) => steps.map((step) => step.id);

/** Whether `steps` keeps the steps it shares with `base` in another order than `base` has them. */
function reordered(base: readonly ChecklistStep[], steps: readonly ChecklistStep[]): boolean {
  const kept = new Set(ids(steps));
  const before = ids(base).filter((id) => kept.has(id));
  const shared = new Set(before);
  const after = ids(steps).filter((id) => shared.has(id));
  return before.some((id, index) => after[index] !== id);
}

function pickLabel(base: ChecklistStep | undefined, mine?: ChecklistStep, theirs?: ChecklistStep) {
  if (mine && (!theirs || mine.label !== base?.label)) return mine.label;
  return theirs?.label ?? mine?.label ?? '';
}

/**
 * @example
 * mergeChecklist(base, { steps: [...base.steps, laptop] }, { steps: [...base.steps, badge] });
 * // { steps: [...base.steps, badge, laptop] }
 */
export function mergeChecklist(
  base: Checklist | undefined,
  mine: Checklist,
  theirs: Checklist,
): Checklist {
  const baseSteps = base?.steps ?? [];
  const baseById = new Map(baseSteps.map((step) => [step.id, step]));
  const mineById = new Map(mine.steps.map((step) => [step.id, step]));
  const theirsById = new Map(theirs.steps.map((step) => [step.id, step]));
  const removed = (id: string) => baseById.has(id) && (!mineById.has(id) || !theirsById.has(id));

  // The order: theirs, unless only I moved steps; then the other side's additions slot in.
  const [first, second] =
    reordered(baseSteps, mine.steps) && !reordered(baseSteps, theirs.steps)
      ? [mine.steps, theirs.steps]
      : [theirs.steps, mine.steps];
  const order = ids(first).filter((id) => !removed(id));
  let previous: string | undefined;
  for (const id of ids(second)) {
    if (!removed(id) && !order.includes(id)) {
      // After the step it follows on its side (if that one is still there), else at the start.
      const at = previous === undefined ? -1 : order.indexOf(previous);
      order.splice(at + 1, 0, id);
    }
    if (order.includes(id)) previous = id;
  }
  return {
    steps: order.map((id) => ({
      id,
      label: pickLabel(baseById.get(id), mineById.get(id), theirsById.get(id)),
    })),
  };
}
