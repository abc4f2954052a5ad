/** `@coursekit/phase-sdk/server`: verify phase tokens in a phase's own backend (Node only). */
export { CoreAuthError, type CoreAuthErrorCode } from './CoreAuthError.js';
export { type CoreAuthPluginOptions, coreAuthPlugin, coreIdentity } from './coreAuthPlugin.js';
export {
  bearerToken,
  type CoreIdentity,
  type CoreTokenVerifier,
  type CoreTokenVerifierOptions,
  createCoreTokenVerifier,
  type VerifyExpectations,
} from './createCoreTokenVerifier.js';
export { type OversizedBodyOptions, refuseOversizedBody } from './refuseOversizedBody.js';
export { verifyCoreToken } from './verifyCoreToken.js';
