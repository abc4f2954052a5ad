/** A version's last health probe as a badge: text first (never colour alone), details on hover. */
import type { VersionHealth } from '@coursekit/phase-sdk/contract';

const LABEL = { ok: 'Healthy', failing: 'Failing', unknown: 'Not probed' } as const;

export function healthSummary(health: VersionHealth): string {
  if (health.status === 'unknown') return 'Not probed yet (no course uses it, or no probe ran).';
  const failed = health.checks.filter((check) => !check.ok);
  const when = health.checkedAt ? ` at ${new Date(health.checkedAt).toLocaleString()}` : '';
  return failed.length === 0
    ? `All checks passed${when}.`
    : `${failed.map((check) => `${check.name}: ${check.detail}`).join('; ')}${when}.`;
}

export function HealthBadge({ health }: { health: VersionHealth }) {
  return (
    <span className={`ck-badge ck-badge-${health.status}`} title={healthSummary(health)}>
      {LABEL[health.status]}
    </span>
  );
}
