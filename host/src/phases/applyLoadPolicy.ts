/**
 * Takes the deployment's phase-loading policy from the resolve answer (budget, attempt time-out,
 * background retry bound) into the loader and the recovery, before a phase of that answer loads.
 */
import type { PhaseLoadPolicy } from '@coursekit/phase-sdk/contract';
import type { AppServices } from '../app/AppServices';

export function applyLoadPolicy(
  services: Pick<AppServices, 'phaseLoader' | 'phaseRecovery'>,
  policy: PhaseLoadPolicy | undefined,
): void {
  if (!policy) return;
  services.phaseLoader.setLoadBudget({
    budgetMs: policy.budgetMs,
    attemptTimeoutMs: policy.attemptTimeoutMs,
  });
  services.phaseRecovery.setMaxInterval(policy.retryMaxIntervalMs);
}
