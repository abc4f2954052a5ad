/** `@coursekit/phase-sdk/client`: the framework-free client of the core. */
export { CoreApiError, CoreNetworkError } from './CoreApiError.js';
export { CoreClient, type CoreClientOptions } from './CoreClient.js';
