/** `@coursekit/phase-sdk/build`: build-time helpers (Node only) for phase remotes and the host. */
export {
  definePhaseConfig,
  MANIFEST_FILE,
  type PhaseBuildOptions,
  REMOTE_ENTRY_FILE,
} from './definePhaseConfig.js';
export { esmTwin, federationRuntimeEsm } from './federationRuntimeEsm.js';
export { PhaseDescriptorPlugin, sha384 } from './PhaseDescriptorPlugin.js';
export { PRECOMPRESSED, PrecompressPlugin, precompress } from './PrecompressPlugin.js';
export { SHARED_CHUNK, sharedModulesChunk, sharedPackageDirs } from './sharedModulesChunk.js';
export {
  compatibleRange,
  installedVersion,
  keepSharedFallbacks,
  PHASE_ROUTER_API,
  SHARED_FALLBACK_DIR,
  SHARED_SINGLETONS,
  SHARED_SUBSETS,
  type SharedConfig,
  sharedSingletons,
} from './sharedSingletons.js';
export { exportsBeyondSubsets, sharedSubsetGuard } from './sharedSubsetGuard.js';
export { zodEnglishOnly } from './zodEnglishOnly.js';
