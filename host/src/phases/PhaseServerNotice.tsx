/**
 * The notice in a phase's slot while the phase's own server is away (the gateway answers 502,
 * 503 or 504): the phase stays open and usable as far as it can be without its server, the
 * notice says what is wrong in plain words, with the diagnostic folded away, and it goes by
 * itself once the server answers again (a background probe, `PhaseRecovery`), when the phase's
 * failed reads are fetched again. Nothing to retry by hand.
 */
import { useSyncExternalStore } from 'react';
import { useAppServices } from '../app/AppServices';
import { describePhaseFailure } from './describePhaseFailure';
import { PhaseLoadError } from './PhaseLoadError';
import type { PhaseRef } from './PhaseLoader';
import { phaseDiagnostic } from './phaseDiagnostic';

export function PhaseServerNotice({
  coursePhaseId,
  phase,
}: {
  coursePhaseId: string;
  phase: PhaseRef;
}) {
  const { serverHealth } = useAppServices().phaseApis;
  const outage = useSyncExternalStore(serverHealth.subscribe, () =>
    serverHealth.outage(coursePhaseId),
  );
  if (!outage) return null;
  const error = new PhaseLoadError(
    'phase-server',
    phase.title,
    `${outage.request} answered ${outage.status}`,
    { status: outage.status },
  );
  const { headline, explanation } = describePhaseFailure(error);
  return (
    <div
      className="ck-error ck-phase-server-notice"
      role="status"
      data-stage={error.stage}
      data-code={error.code}
    >
      <p className="ck-error-title">{headline}</p>
      <p>{explanation}</p>
      <details className="ck-diagnostic">
        <summary>Technical details</summary>
        <pre>{phaseDiagnostic(error, phase, new Date(outage.since))}</pre>
      </details>
    </div>
  );
}
