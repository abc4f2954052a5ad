/** `@coursekit/phase-sdk/testing`: render phases in unit tests without a host. */
export { TestPhaseProvider } from './TestPhaseProvider.js';
