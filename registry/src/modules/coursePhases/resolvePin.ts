/**
 * Which version a course phase's pin selects now, in one place: the resolve answer, the admin
 * console's availability and the composition rules all ask this function, so they cannot differ.
 */
import type { PhaseVersionStatus } from '@coursekit/phase-sdk/contract';
import { latestActive } from '../phaseTypes/phaseTypeRepository.js';
import { SERVABLE_STATUSES } from '../releases/VersionStatusService.js';

export interface PinResolution<V> {
  version: V | null;
  /** Why no version is usable (shown to staff); `null` when one is. */
  reason: string | null;
}

export function resolvePin<V extends { version: string; status: PhaseVersionStatus }>(
  phase: string,
  versions: V[],
  pin: string,
): PinResolution<V> {
  if (pin === 'latest') {
    const version = latestActive(versions);
    return version
      ? { version, reason: null }
      : {
          version: null,
          reason:
            versions.length === 0
              ? `No version of "${phase}" is registered yet.`
              : `No version of "${phase}" is active (all are ${[...new Set(versions.map((v) => v.status))].join(' or ')}).`,
        };
  }
  const pinned = versions.find((v) => v.version === pin);
  if (!pinned) return { version: null, reason: `The pinned version ${pin} is not registered.` };
  // A deprecated version still serves the courses pinned to it; a yanked one never does.
  if (!SERVABLE_STATUSES.includes(pinned.status))
    return { version: null, reason: `The pinned version ${pin} is ${pinned.status}.` };
  return { version: pinned, reason: null };
}
