/**
 * The error boundary around every phase. A phase that cannot be loaded or crashes while rendering
 * shows a message naming it and a Retry button; the shell, the navigation and the other phases
 * keep working. The parent gives it a `key` per course phase, so that navigating to another
 * course phase starts with a clean boundary.
 */
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { describeError } from '../app/describeError';
import { PhaseLoadError } from './PhaseLoadError';

export interface PhaseBoundaryProps {
  /** The course phase's title, as the navigation shows it. */
  phaseTitle: string;
  /** Called by Retry before the phase renders again (e.g. to re-attempt a failed load). */
  onRetry?: (error: unknown) => void;
  children: ReactNode;
}

interface PhaseBoundaryState {
  failure: { error: unknown } | null;
}

/** The sentence the boundary shows for an error. */
export function phaseFailureMessage(phaseTitle: string, error: unknown): string {
  if (error instanceof PhaseLoadError) return error.forPhase(phaseTitle).message;
  return `The phase “${phaseTitle}” stopped working: ${describeError(error)}`;
}

export class PhaseBoundary extends Component<PhaseBoundaryProps, PhaseBoundaryState> {
  override state: PhaseBoundaryState = { failure: null };

  static getDerivedStateFromError(error: unknown): PhaseBoundaryState {
    return { failure: { error } };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error(`Coursekit: the phase “${this.props.phaseTitle}” failed.`, error, info);
  }

  private readonly retry = () => {
    const failure = this.state.failure;
    if (!failure) return;
    this.props.onRetry?.(failure.error);
    this.setState({ failure: null });
  };

  override render() {
    const { failure } = this.state;
    if (!failure) return this.props.children;
    return (
      <div className="ck-error ck-phase-error" role="alert">
        <p>{phaseFailureMessage(this.props.phaseTitle, failure.error)}</p>
        <div className="ck-actions">
          <button type="button" onClick={this.retry}>
            Retry
          </button>
        </div>
      </div>
    );
  }
}
