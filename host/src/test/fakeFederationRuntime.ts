/**
 * An in-memory `FederationRuntime` for unit tests: records registrations and answers loads from a
 * queue of outcomes (a module, an error, or "never" for a hung load). The browser tests load real
 * remotes through the real runtime.
 */
import type { PhasePreload } from '@coursekit/phase-sdk/contract';
import { vi } from 'vitest';
import type { FederationRuntime } from '../phases/federationRuntime';

export type LoadOutcome = { module: unknown } | { error: unknown } | 'hang';

export function fakeFederationRuntime(...outcomes: LoadOutcome[]) {
  const queue = [...outcomes];
  let fallback: LoadOutcome | undefined = outcomes.at(-1);
  const runtime = {
    registered: [] as { name: string; entry: string }[],
    register: vi.fn((name: string, entry: string) => {
      runtime.registered.push({ name, entry });
    }),
    load: vi.fn((_name: string, _expose: string): Promise<unknown> => {
      const outcome = queue.shift() ?? fallback;
      if (!outcome || outcome === 'hang') return new Promise(() => {});
      if ('error' in outcome) return Promise.reject(outcome.error);
      return Promise.resolve(outcome.module);
    }),
    preload: vi.fn((_files: readonly PhasePreload[]) => {}),
    /** Answer every further load with this outcome. */
    from(outcome: LoadOutcome) {
      queue.length = 0;
      fallback = outcome;
    },
  };
  return runtime satisfies FederationRuntime;
}
