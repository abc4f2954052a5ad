/** `@coursekit/phase-sdk/client`: the framework-free client of the core. */
export { CoreApiError, CoreNetworkError } from './CoreApiError.js';
export { CoreClient, type CoreClientOptions, CSRF_HEADER } from './CoreClient.js';
export {
  type ApiFetch,
  type ApiFetchOptions,
  createApiFetch,
  phaseApiBase,
} from './createApiFetch.js';
export { PhaseTokenManager, type PhaseTokenManagerOptions } from './PhaseTokenManager.js';
