/**
 * Renders one course phase: its loading progress until its module is there, what failed if it
 * cannot be loaded (Retry where that can help), then its component inside the PhaseProvider.
 * Load failures are shown here, from the loader's state, so that a load retried in the
 * background (network back, window focused) replaces the message by itself; crashes while the
 * phase renders go to the surrounding PhaseBoundary.
 */
import { type PhaseContextValue, PhaseProvider } from '@coursekit/phase-sdk/react';
import { useAppServices } from '../app/AppServices';
import { PhaseFailure } from './PhaseFailure';
import type { PhaseRef } from './PhaseLoader';
import { PhaseLoading } from './PhaseLoading';
import { usePhaseModule } from './usePhaseModule';

export interface PhaseMountProps {
  phase: PhaseRef;
  context: PhaseContextValue;
  /** Retry a failed load; by default the same phase is loaded afresh. */
  onRetry?: () => Promise<void>;
}

export function PhaseMount({ phase, context, onRetry }: PhaseMountProps) {
  const { phaseLoader } = useAppServices();
  const state = usePhaseModule(phase);
  if (state.status === 'failed') {
    const { error } = state;
    return (
      <PhaseFailure
        error={error}
        phase={phase}
        failedAt={state.failedAt}
        budgetMs={phaseLoader.loadBudget.budgetMs}
        onRetry={
          error.retryable
            ? () => void (onRetry ? onRetry() : phaseLoader.reload(phase)).catch(() => undefined)
            : undefined
        }
      />
    );
  }
  if (state.status !== 'ready') {
    return (
      <PhaseLoading
        title={phase.title}
        startedAt={state.status === 'loading' ? state.startedAt : Date.now()}
        budgetMs={state.status === 'loading' ? state.budgetMs : phaseLoader.loadBudget.budgetMs}
        attempt={state.status === 'loading' ? state.attempt : 1}
      />
    );
  }
  const PhaseComponent = state.definition.component;
  return (
    <PhaseProvider value={context}>
      <PhaseComponent />
    </PhaseProvider>
  );
}
