/**
 * `@coursekit/phase-sdk/server/testing`: test a server against real databases and a stand-in core
 * (Node only).
 */

export {
  type StorageContractActor,
  type StorageContractCase,
  type StorageContractDriver,
  type StorageContractOutcome,
  type StorageContractTarget,
  storageContractCases,
} from '../../testing/storageContract.js';
export {
  type BadRequest,
  type BadRequestOptions,
  badRequests,
  encodeAnyText,
  unstorableTextRequests,
} from './badRequests.js';
export {
  createTestDb,
  ENGINES,
  type Engine,
  TEST_DATABASE_URL,
  type TestDb,
} from './createTestDb.js';
export {
  createTestPhaseServer,
  HOST_ORIGIN,
  type TestPhaseServer,
} from './createTestPhaseServer.js';
export { findOpenApiProblems } from './findOpenApiProblems.js';
export { type AnswerHeaders, findSecurityHeaderProblems } from './findSecurityHeaderProblems.js';
export { findUnguardedFields } from './findUnguardedFields.js';
export {
  type MalformedRequest,
  malformedRequests,
  type ProblemAnswer,
  probeMalformedRequests,
  type RawAnswer,
  sendRaw,
} from './malformedRequests.js';
export { type BadInputProbe, probeBadInput } from './probeBadInput.js';
export { type PhaseServerProbeOptions, probePhaseServer } from './probePhaseServer.js';
export { type RouteRecorder, recordRoutes } from './recordRoutes.js';
export { snapshotTables } from './snapshotTables.js';
export {
  COURSE_ID,
  COURSE_PHASE_ID,
  type FakeCore,
  startFakeCore,
  type TokenOptions,
} from './startFakeCore.js';
