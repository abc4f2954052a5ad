/**
 * `definePhase` declares what a phase remote's `./Phase` module gives the host: the component to
 * mount, the documents it keeps in core storage (from `defineDocuments`, optional) and the SDK
 * major it was built against, so the host can refuse an incompatible phase with a clear message
 * instead of failing deep inside React.
 */
import type { ComponentType } from 'react';
import { type AnyPhaseDocuments, isPhaseDocuments } from './client/defineDocuments.js';
import { SDK_VERSION } from './contract/sdkVersion.js';

export const PHASE_DEFINITION_MARKER = 'coursekit.phase/v1';

export interface PhaseOptions<D extends AnyPhaseDocuments = AnyPhaseDocuments> {
  /** The phase's root component. It renders its own nested routes under the base path it is given. */
  component: ComponentType;
  /** The documents the phase keeps in core storage, with their schemas (`defineDocuments`). */
  documents?: D;
}

export interface PhaseDefinition<D extends AnyPhaseDocuments = AnyPhaseDocuments> {
  readonly kind: typeof PHASE_DEFINITION_MARKER;
  readonly component: ComponentType;
  /** The documents the phase keeps in core storage; `null` when it keeps none. */
  readonly documents: D | null;
  /** Major version of the SDK this phase was built with (`0.1` for 0.x releases). */
  readonly sdkMajor: string;
}

/** The SDK compatibility line of a version: the major, or `0.minor` before 1.0. */
export function sdkLine(version: string): string {
  const [major = '0', minor = '0'] = version.split('.');
  return major === '0' ? `0.${minor}` : major;
}

/**
 * Declare a phase.
 *
 * @example
 * // src/index.ts, exposed as `./Phase`
 * export default definePhase({ component: IntroCourse, documents });
 */
export function definePhase<D extends AnyPhaseDocuments = AnyPhaseDocuments>(
  options: PhaseOptions<D>,
): PhaseDefinition<D> {
  if (typeof options?.component !== 'function' && typeof options?.component !== 'object') {
    throw new TypeError('definePhase({ component }) needs the React component to mount.');
  }
  if (options.documents !== undefined && !isPhaseDocuments(options.documents)) {
    throw new TypeError(
      'definePhase({ documents }) takes the value of defineDocuments({ course, participant }) from @coursekit/phase-sdk.',
    );
  }
  return {
    kind: PHASE_DEFINITION_MARKER,
    component: options.component,
    documents: options.documents ?? null,
    sdkMajor: sdkLine(SDK_VERSION),
  };
}

/** Narrow an unknown module export to a phase definition (used by the host after `loadRemote`). */
export function isPhaseDefinition(value: unknown): value is PhaseDefinition {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { kind?: unknown }).kind === PHASE_DEFINITION_MARKER &&
    'component' in value
  );
}
