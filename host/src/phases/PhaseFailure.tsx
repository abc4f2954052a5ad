/**
 * What a phase's slot shows when the phase cannot be shown: a plain headline and explanation for
 * its stage, Retry where retrying can help (Reload page where only a new page can), and the technical diagnostic folded away with a button
 * that copies it for support.
 */
import { useState } from 'react';
import { describePhaseFailure } from './describePhaseFailure';
import type { PhaseLoadError } from './PhaseLoadError';
import type { PhaseRef } from './PhaseLoader';
import { phaseDiagnostic } from './phaseDiagnostic';

export interface PhaseFailureProps {
  error: PhaseLoadError;
  phase: PhaseRef;
  /** When it failed (`Date.now()`). */
  failedAt: number;
  /** The time budget the load had, for the time-out message. */
  budgetMs?: number;
  /** Offered only when retrying can help. */
  onRetry?: () => void;
}

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

export function PhaseFailure({ error, phase, failedAt, budgetMs, onRetry }: PhaseFailureProps) {
  const { headline, explanation } = describePhaseFailure(error, budgetMs);
  const diagnostic = phaseDiagnostic(error, phase, new Date(failedAt));
  const [copied, setCopied] = useState<'idle' | 'copied' | 'failed'>('idle');
  return (
    <div
      className="ck-error ck-phase-error"
      role="alert"
      data-stage={error.stage}
      data-code={error.code}
    >
      <p className="ck-error-title">{headline}</p>
      <p>{explanation}</p>
      {error.blockedByPage ? (
        <div className="ck-actions">
          <button type="button" onClick={() => window.location.reload()}>
            Reload page
          </button>
        </div>
      ) : onRetry ? (
        <div className="ck-actions">
          <button type="button" onClick={onRetry}>
            Retry
          </button>
        </div>
      ) : null}
      <details className="ck-diagnostic">
        <summary>Technical details</summary>
        <pre>{diagnostic}</pre>
        <button
          type="button"
          onClick={() => {
            void copyText(diagnostic).then((ok) => setCopied(ok ? 'copied' : 'failed'));
          }}
        >
          Copy diagnostic
        </button>
        <span role="status" className="ck-muted">
          {copied === 'copied'
            ? ' Copied.'
            : copied === 'failed'
              ? ' Copying is not allowed here: select the text above instead.'
              : ''}
        </span>
      </details>
    </div>
  );
}
