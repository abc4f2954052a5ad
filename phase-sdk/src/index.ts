/** `@coursekit/phase-sdk`: what every phase imports at run time. */

export { SDK_VERSION } from './contract/sdkVersion.js';
export {
  definePhase,
  isPhaseDefinition,
  PHASE_DEFINITION_MARKER,
  type PhaseDefinition,
  type PhaseOptions,
  sdkLine,
} from './definePhase.js';
