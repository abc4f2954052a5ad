/**
 * A developer's phase override: their own browser loads a phase from their development server
 * instead of the registered version, for as long as their sign-in lasts. The registry validates the
 * build like a registration (schema, name, `./Phase`, SDK range, every file's SHA-384) but
 * registers nothing; only the resolve answers of that sign-in carry it (`ResolvedPhase.devOverride`).
 * The host sets one from `?phase-override=<phase>@<phase.json URL>` and shows a banner while any is on.
 */
import { z } from 'zod';
import { PhaseName, SemVer } from './phaseDescriptor.js';
import { httpUrl } from './storable.js';

/** The query parameter the host reads: `?phase-override=intro-course@http://localhost:4101/phase.json`. */
export const PHASE_OVERRIDE_PARAM = 'phase-override';

const DescriptorUrl = httpUrl();

/** `PUT /api/me/phase-overrides/:phase`. */
export const SetPhaseOverride = z.object({
  /** Absolute http(s) URL of the development build's `phase.json` (e.g. `rspack serve`'s). */
  descriptorUrl: DescriptorUrl,
});
export type SetPhaseOverride = z.infer<typeof SetPhaseOverride>;

export const PhaseOverride = z.object({
  phase: PhaseName,
  /** The version the development build's `phase.json` named when the override was set. */
  version: SemVer,
  descriptorUrl: DescriptorUrl,
  setAt: z.iso.datetime({ offset: true }),
});
export type PhaseOverride = z.infer<typeof PhaseOverride>;

export const PhaseOverrideParams = z.object({ phase: PhaseName });

/**
 * The phase and descriptor URL of a `?phase-override=` value, or `null` when it is not of the form
 * `<phase>@<http(s) URL>` (the caller tells the user what it expected).
 *
 * @example
 * parsePhaseOverride('intro-course@http://localhost:4101/phase.json')
 * // { phase: 'intro-course', descriptorUrl: 'http://localhost:4101/phase.json' }
 */
export function parsePhaseOverride(value: string): { phase: string; descriptorUrl: string } | null {
  const at = value.indexOf('@');
  if (at < 1) return null;
  const phase = PhaseName.safeParse(value.slice(0, at));
  const descriptorUrl = DescriptorUrl.safeParse(value.slice(at + 1));
  return phase.success && descriptorUrl.success
    ? { phase: phase.data, descriptorUrl: descriptorUrl.data }
    : null;
}
