/**
 * What another lecturer changed in the checklist, in words: "added “Bring a laptop”", "renamed
 * “A” to “B”", "removed “C”", "reordered the steps". Built on the SDK's generic `diffJson`, which
 * already compares steps by id.
 */
import { diffJson } from '@coursekit/phase-sdk/client';
import type { ChecklistStep } from './documents';

const quote = (label: string) => `“${label}”`;

export function checklistChanges(
  before: readonly ChecklistStep[],
  after: readonly ChecklistStep[],
): string[] {
  const labelOf = (steps: readonly ChecklistStep[], id: unknown) =>
    steps.find((step) => step.id === id)?.label ?? String(id);
  return diffJson({ steps: before }, { steps: after }).map((change) => {
    const [, item, field] = change.path;
    const id = typeof item === 'object' ? item.id : undefined;
    if (change.kind === 'reordered') return 'reordered the steps';
    if (change.kind === 'added' && field === undefined) return `added ${quote(labelOf(after, id))}`;
    if (change.kind === 'removed' && field === undefined) {
      return `removed ${quote(labelOf(before, id))}`;
    }
    if (field === 'label') {
      return `renamed ${quote(String(change.before))} to ${quote(String(change.after))}`;
    }
    return 'changed the checklist';
  });
}
