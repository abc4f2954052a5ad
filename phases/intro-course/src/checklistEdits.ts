/**
 * The edits a lecturer makes to a checklist, as pure functions from steps to steps: the editor
 * keeps a draft and applies them, and the tests check them without rendering anything.
 */
import type { ChecklistStep } from './documents';

/** An id no other step has: stable and unique without needing a secure context (randomUUID). */
function newStepId(steps: readonly ChecklistStep[]): string {
  const taken = new Set(steps.map((step) => step.id));
  for (;;) {
    const id = `step-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
    if (!taken.has(id)) return id;
  }
}

export const checklistEdits = {
  add(steps: readonly ChecklistStep[], label: string): ChecklistStep[] {
    return [...steps, { id: newStepId(steps), label: label.trim() }];
  },

  rename(steps: readonly ChecklistStep[], id: string, label: string): ChecklistStep[] {
    return steps.map((step) => (step.id === id ? { ...step, label } : step));
  },

  remove(steps: readonly ChecklistStep[], id: string): ChecklistStep[] {
    return steps.filter((step) => step.id !== id);
  },

  /** Move a step by `offset` places (-1 up, +1 down); a move past either end changes nothing. */
  move(steps: readonly ChecklistStep[], id: string, offset: number): ChecklistStep[] {
    const from = steps.findIndex((step) => step.id === id);
    const to = from + offset;
    const moved = steps[from];
    if (from < 0 || to < 0 || to >= steps.length || !moved) return [...steps];
    const next = steps.filter((step) => step.id !== id);
    next.splice(to, 0, moved);
    return next;
  },

  /** Whether two step lists are the same checklist (ids, labels and order). */
  same(a: readonly ChecklistStep[], b: readonly ChecklistStep[]): boolean {
    return (
      a.length === b.length &&
      a.every((step, index) => step.id === b[index]?.id && step.label === b[index]?.label)
    );
  },
};
