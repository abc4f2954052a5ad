/** `@coursekit/phase-sdk`: what every phase imports at run time. */

export {
  type AnyPhaseDocuments,
  type CourseDocumentHandle,
  type DocumentData,
  type DocumentDefinition,
  type DocumentHandle,
  type DocumentMerge,
  defineDocument,
  defineDocuments,
  isPhaseDocuments,
  type ParticipantDocumentHandle,
  type PhaseDocuments,
} from './client/defineDocuments.js';
export { SDK_VERSION } from './contract/sdkVersion.js';
export {
  definePhase,
  isPhaseDefinition,
  PHASE_DEFINITION_MARKER,
  type PhaseDefinition,
  type PhaseOptions,
  sdkLine,
} from './definePhase.js';
