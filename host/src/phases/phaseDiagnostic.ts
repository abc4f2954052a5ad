/**
 * The copy-able diagnostic of a phase failure: what support needs to find the cause (phase,
 * version, stage and code, URL, status, time, page) as plain text, one fact per line.
 */
import type { PhaseLoadError } from './PhaseLoadError';
import type { PhaseRef } from './PhaseLoader';

/**
 * @example
 * phaseDiagnostic(error, phase, new Date());
 * // 'Coursekit phase diagnostic\nphase: Welcome (intro-course 1.0.0)\nstage: entry (CK_PHASE_ENTRY)...'
 */
export function phaseDiagnostic(error: PhaseLoadError, phase: PhaseRef, at: Date): string {
  const name = phase.phase ?? phase.remote.name;
  const lines = [
    'Coursekit phase diagnostic',
    `phase: ${error.phaseTitle} (${name}${phase.version ? ` ${phase.version}` : ''})`,
    `stage: ${error.stage} (${error.code})`,
    `manifest: ${phase.remote.entry}`,
  ];
  if (error.url) lines.push(`url: ${error.url}`);
  if (error.status !== undefined) lines.push(`status: ${error.status}`);
  lines.push(`time: ${at.toISOString()}`);
  if (typeof location !== 'undefined') lines.push(`page: ${location.href}`);
  lines.push(`detail: ${error.detail}`);
  return lines.join('\n');
}
