/**
 * The checklist before a lecturer saves one: steps from the course phase's `config.steps`, or a
 * default set. Ids derive from the position, so the ticks students make on these steps stay valid
 * once a lecturer saves the checklist.
 */
import type { PhaseConfig } from '@coursekit/phase-sdk/contract';
import type { ChecklistStep } from './documents';

export const DEFAULT_STEPS: readonly ChecklistStep[] = [
  { id: 'profile', label: 'Complete your profile' },
  { id: 'syllabus', label: 'Read the syllabus' },
  { id: 'team', label: 'Introduce yourself to your team' },
  { id: 'tools', label: 'Set up the development tools' },
];

/** Read `config.steps` (an array of strings or `{ id, label }`), ignoring malformed entries. */
export function checklistFromConfig(config: PhaseConfig): ChecklistStep[] {
  const raw = config.steps;
  if (!Array.isArray(raw)) return [...DEFAULT_STEPS];
  const steps: ChecklistStep[] = [];
  raw.forEach((entry, index) => {
    if (typeof entry === 'string' && entry.trim()) {
      steps.push({ id: `step-${index}`, label: entry.trim() });
    } else if (
      entry &&
      typeof entry === 'object' &&
      !Array.isArray(entry) &&
      typeof entry.id === 'string' &&
      typeof entry.label === 'string'
    ) {
      steps.push({ id: entry.id, label: entry.label });
    }
  });
  return steps.length > 0 ? steps : [...DEFAULT_STEPS];
}
