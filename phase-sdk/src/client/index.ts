/** `@coursekit/phase-sdk/client`: the framework-free client of the core. */

export type { RouteInput, RouteOutput } from '../contract/index.js';
export { CoreApiError, CoreNetworkError } from './CoreApiError.js';
export { CoreClient, type CoreClientOptions, CSRF_HEADER } from './CoreClient.js';
export { callRoute, fillPath } from './callRoute.js';
export {
  type ApiFetch,
  type ApiFetchOptions,
  createApiFetch,
  phaseApiBase,
} from './createApiFetch.js';
export { createRouteClient, type RouteArgs, type RouteClient } from './createRouteClient.js';
export {
  DEFAULT_UPDATE_ATTEMPTS,
  DocumentClient,
  type DocumentSlot,
  parseStoredDocument,
  type UpdateOptions,
} from './DocumentClient.js';
export {
  type DocumentDraft,
  type DraftConflictInfo,
  draftConflict,
} from './DocumentDraft.js';
export {
  type DocumentLocation,
  describeLocation,
  documentLocation,
  locationKey,
} from './DocumentLocation.js';
export { DocumentSchemaError } from './DocumentSchemaError.js';
export { DocumentTooLargeError } from './DocumentTooLargeError.js';
export {
  type AnyPhaseDocuments,
  type CourseDocumentHandle,
  DOCUMENTS_MARKER,
  type DocumentData,
  type DocumentDefinition,
  type DocumentHandle,
  type DocumentMerge,
  defineDocument,
  defineDocuments,
  isPhaseDocuments,
  type ParticipantDocumentHandle,
  type PhaseDocuments,
} from './defineDocuments.js';
export {
  describeJsonChange,
  diffJson,
  formatJsonPath,
  formatJsonValue,
  type JsonChange,
  type JsonPathSegment,
} from './diffJson.js';
export { HttpStorageBackend } from './HttpStorageBackend.js';
export { PhaseApiError, toPhaseApiError } from './PhaseApiError.js';
export { PhaseTokenManager, type PhaseTokenManagerOptions } from './PhaseTokenManager.js';
export { type PhaseServerStatus, phaseServerStatus } from './phaseServerStatus.js';
export type { ParticipantsPageRequest, StorageBackend } from './StorageBackend.js';
export { StorageClient } from './StorageClient.js';
export type { TypedDocument, TypedParticipant, TypedParticipantsPage } from './TypedDocument.js';
export { VersionConflictError } from './VersionConflictError.js';
