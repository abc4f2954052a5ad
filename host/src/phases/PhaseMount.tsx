/**
 * Renders one course phase: "Loading <title>…" until its module is there, then its component
 * inside the PhaseProvider. A failed load is thrown to the surrounding PhaseBoundary.
 */
import { type PhaseContextValue, PhaseProvider } from '@coursekit/phase-sdk/react';
import { LoadingState } from '../app/LoadingState';
import type { PhaseRef } from './PhaseLoader';
import { usePhaseModule } from './usePhaseModule';

export function PhaseMount({ phase, context }: { phase: PhaseRef; context: PhaseContextValue }) {
  const state = usePhaseModule(phase);
  if (state.status === 'failed') throw state.error;
  if (state.status !== 'ready') {
    return (
      <>
        <LoadingState>{`Loading ${phase.title}…`}</LoadingState>
        {state.status === 'loading' && state.attempt > 1 ? (
          <p className="ck-muted">
            Still trying: attempt {state.attempt} of {state.attempts}.
          </p>
        ) : null}
      </>
    );
  }
  const PhaseComponent = state.definition.component;
  return (
    <PhaseProvider value={context}>
      <PhaseComponent />
    </PhaseProvider>
  );
}
