/** `@coursekit/phase-sdk/react`: the React bindings a phase uses. Shared as a singleton. */
export {
  type PhaseContextValue,
  type PhaseNotification,
  PhaseProvider,
  useCoursePhase,
  useCurrentUser,
  usePhase,
} from './PhaseContext.js';
