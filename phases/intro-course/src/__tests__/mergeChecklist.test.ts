/**
 * Two lecturers' edits of one checklist, merged step by step: nothing either of them did is lost
 * unless both changed the same label (then the one saving now wins).
 */
import { describe, expect, it } from 'vitest';
import { checklistChanges } from '../checklistChanges';
import type { ChecklistStep } from '../documents';
import { mergeChecklist } from '../mergeChecklist';

const steps = (...labels: string[]): ChecklistStep[] =>
  labels.map((label) => ({ id: label.toLowerCase().split(' ')[0] ?? label, label }));
const labels = (merged: { steps: ChecklistStep[] }) => merged.steps.map((step) => step.label);

describe('mergeChecklist', () => {
  const base = { steps: steps('A', 'B', 'C') };

  it('keeps steps both added, each after the step it followed', () => {
    const mine = { steps: steps('A', 'Mine', 'B', 'C') };
    const theirs = { steps: steps('A', 'B', 'C', 'Theirs') };
    expect(labels(mergeChecklist(base, mine, theirs))).toEqual(['A', 'Mine', 'B', 'C', 'Theirs']);
  });

  it('drops a step either removed, and keeps renames from both sides', () => {
    const mine = { steps: [{ id: 'a', label: 'A (mine)' }, ...steps('C')] };
    const theirs = { steps: [...steps('A', 'B'), { id: 'c', label: 'C (theirs)' }] };
    expect(labels(mergeChecklist(base, mine, theirs))).toEqual(['A (mine)', 'C (theirs)']);
  });

  it('lets mine win when both renamed the same step', () => {
    const mine = { steps: [{ id: 'a', label: 'A (mine)' }, ...steps('B', 'C')] };
    const theirs = { steps: [{ id: 'a', label: 'A (theirs)' }, ...steps('B', 'C')] };
    expect(labels(mergeChecklist(base, mine, theirs))).toEqual(['A (mine)', 'B', 'C']);
  });

  it('takes my order when only I moved steps; their new step still follows its step', () => {
    const mine = { steps: steps('C', 'A', 'B') };
    const theirs = { steps: steps('A', 'B', 'C', 'Theirs') };
    expect(labels(mergeChecklist(base, mine, theirs))).toEqual(['C', 'Theirs', 'A', 'B']);
  });

  it('unites both when nothing was stored before', () => {
    expect(
      labels(
        mergeChecklist(undefined, { steps: steps('A', 'Mine') }, { steps: steps('A', 'Theirs') }),
      ),
    ).toEqual(['A', 'Mine', 'Theirs']);
  });
});

describe('checklistChanges', () => {
  it('says what the other lecturer did, in words', () => {
    const after = [{ id: 'c', label: 'C' }, { id: 'a', label: 'A2' }, ...steps('D')];
    expect(checklistChanges(steps('A', 'B', 'C'), after)).toEqual([
      'removed “B”',
      'renamed “A” to “A2”',
      'added “D”',
      'reordered the steps',
    ]);
  });
});
