/** `@coursekit/phase-sdk/server/testing`: test a phase server against a stand-in core (Node only). */
export { findUnguardedFields } from './findUnguardedFields.js';
export {
  COURSE_ID,
  COURSE_PHASE_ID,
  type FakeCore,
  startFakeCore,
  type TokenOptions,
} from './startFakeCore.js';
