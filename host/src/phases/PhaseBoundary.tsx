/**
 * The error boundary around every phase: a phase that crashes while rendering shows what happened
 * (in plain words, the technical detail folded away) and a Retry that loads the phase afresh; the
 * shell, the navigation and the other phases keep working. The parent gives it a `key` per course
 * phase, so that navigating to another course phase starts with a clean boundary.
 */
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { describeError } from '../app/describeError';
import { PhaseFailure } from './PhaseFailure';
import { PhaseLoadError } from './PhaseLoadError';
import type { PhaseRef } from './PhaseLoader';

export interface PhaseBoundaryProps {
  phase: PhaseRef;
  /**
   * Called by Retry before the phase renders again (to load the phase afresh); the phase renders
   * again once it has settled, so that it never re-renders the module that crashed.
   */
  onRetry?: (error: PhaseLoadError) => void | Promise<void>;
  children: ReactNode;
}

interface PhaseBoundaryState {
  failure: { error: unknown; at: number } | null;
}

/** A crash of the phase's own code, as a `render`-stage failure of the phase. */
export function toRenderFailure(phaseTitle: string, error: unknown): PhaseLoadError {
  if (error instanceof PhaseLoadError) return error.forPhase(phaseTitle);
  return new PhaseLoadError('render', phaseTitle, describeError(error), { cause: error });
}

export class PhaseBoundary extends Component<PhaseBoundaryProps, PhaseBoundaryState> {
  override state: PhaseBoundaryState = { failure: null };

  static getDerivedStateFromError(error: unknown): Partial<PhaseBoundaryState> {
    return { failure: { error, at: Date.now() } };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error(`Coursekit: the phase “${this.props.phase.title}” failed.`, error, info);
  }

  private readonly retry = () => {
    const failure = this.state.failure;
    if (!failure) return;
    void Promise.resolve(
      this.props.onRetry?.(toRenderFailure(this.props.phase.title, failure.error)),
    )
      .catch(() => undefined)
      .finally(() => this.setState({ failure: null }));
  };

  override render() {
    const { failure } = this.state;
    if (!failure) return this.props.children;
    const error = toRenderFailure(this.props.phase.title, failure.error);
    return (
      <PhaseFailure
        error={error}
        phase={this.props.phase}
        failedAt={failure.at}
        onRetry={error.retryable ? this.retry : undefined}
      />
    );
  }
}
