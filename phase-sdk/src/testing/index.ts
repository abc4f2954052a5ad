/** `@coursekit/phase-sdk/testing`: render phases in unit tests without a host. */
export {
  type InMemoryParticipant,
  InMemoryStorage,
  type InMemoryStorageOptions,
} from './InMemoryStorage.js';
export {
  createTestQueryClient,
  TestPhaseProvider,
  type TestPhaseProviderProps,
} from './TestPhaseProvider.js';
