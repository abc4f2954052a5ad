/** `@coursekit/phase-sdk/testing`: render phases in unit tests without a host. */
export {
  type FakePhaseServer,
  FakeProblem,
  type FakeRouteCall,
  type FakeRouteHandler,
  type FakeRouteHandlers,
  fakePhaseServer,
  fakeProblem,
  type RecordedCall,
} from './fakePhaseServer.js';
export {
  type InMemoryParticipant,
  InMemoryStorage,
  type InMemoryStorageOptions,
  type StorageCaller,
} from './InMemoryStorage.js';
export {
  type DocumentSeeds,
  type RenderedPhase,
  type RenderPhaseOptions,
  renderPhase,
} from './renderPhase.js';
export {
  createTestQueryClient,
  TestPhaseProvider,
  type TestPhaseProviderProps,
} from './TestPhaseProvider.js';
