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
} from './PhaseContext.js';
