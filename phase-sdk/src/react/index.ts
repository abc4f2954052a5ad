/** `@coursekit/phase-sdk/react`: the React bindings a phase uses. Shared as a singleton. */
export {
  type CoreAuth,
  type PhaseContextValue,
  type PhaseNotification,
  PhaseProvider,
  useApiFetch,
  useCoreAuth,
  useCoursePhase,
  useCurrentUser,
  usePhase,
  useStorage,
} from './PhaseContext.js';
export { phaseApiQueryKeys } from './phaseApiQueryKeys.js';
export { storageQueryKeys } from './storageQueryKeys.js';
export { useCourseData } from './useCourseData.js';
export type {
  DocumentChange,
  DocumentConflict,
  DocumentState,
  DocumentUpdate,
} from './useDocument.js';
export { useMyData } from './useMyData.js';
export { useParticipantData } from './useParticipantData.js';
export {
  type ParticipantsOptions,
  type ParticipantsState,
  useParticipants,
} from './useParticipants.js';
export {
  type RouteMutationOptions,
  type RouteVariables,
  useRouteMutation,
} from './useRouteMutation.js';
export { useRouteQuery } from './useRouteQuery.js';
