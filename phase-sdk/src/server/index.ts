/**
 * `@coursekit/phase-sdk/server`: the server side of the platform (Node only). The phase-server kit
 * (`createPhaseServer`, `serveRoute`), the data layer shared with the registry (`openDb`, `migrate`),
 * problem+json errors with catalogues, and phase-token verification for any Node server.
 */
export { CORE_AUTH_ERRORS, CoreAuthError, type CoreAuthErrorCode } from './CoreAuthError.js';
export { type CoreAuthPluginOptions, coreAuthPlugin, coreIdentity } from './coreAuthPlugin.js';
export {
  bearerToken,
  type CoreIdentity,
  type CoreTokenVerifier,
  type CoreTokenVerifierOptions,
  createCoreTokenVerifier,
  type VerifyExpectations,
} from './createCoreTokenVerifier.js';
export type { Db, Queryable, SqlValue } from './db/Db.js';
export { type MigrationOptions, migrate, splitStatements } from './db/migrate.js';
export { type DbOptions, openDb } from './db/openDb.js';
export {
  type BuildDeps,
  createPhaseServer,
  type PhaseModule,
  type PhaseModuleDeps,
  type PhaseServer,
  type PhaseServerOptions,
  type RunningPhaseServer,
} from './kit/createPhaseServer.js';
export { findPhasePackage, type PhasePackage } from './kit/findPhasePackage.js';
export { type HealthRoutesOptions, healthRoutes, type Readiness } from './kit/healthRoutes.js';
export {
  loadPhaseServerConfig,
  type PhaseServerConfig,
  PhaseServerConfigError,
} from './kit/loadPhaseServerConfig.js';
export { REQUEST_ID_HEADER, requestIdOf, requestIdPlugin } from './kit/requestIdPlugin.js';
export {
  type RouteHandler,
  type RouteRequest,
  serveRoute,
} from './kit/serveRoute.js';
export { withZodContract } from './kit/withZodContract.js';
export { type MetricsPluginOptions, metricsPlugin } from './observability/metricsPlugin.js';
export {
  type LogFormat,
  LogFormatSetting,
  loggerOptions,
  parseTrustProxy,
  type TrustProxy,
  TrustProxySetting,
} from './observability/serverLogging.js';
export {
  conflict,
  defineErrorCatalogue,
  type ErrorCatalogue,
  type ErrorCodeOf,
  type ErrorEntry,
  forbidden,
  invalid,
  notFound,
  PLATFORM_ERRORS,
  type PlatformErrorCode,
  type ProblemExtras,
  platformErrors,
} from './problem/defineErrorCatalogue.js';
export { ProblemError, type ProblemInit } from './problem/ProblemError.js';
export {
  type ProblemPluginOptions,
  problemPlugin,
  sendProblem,
  toProblemError,
} from './problem/problemPlugin.js';
export { problemResponses } from './problem/problemResponses.js';
export {
  clientErrorProblem,
  problemServerOptions,
  rawProblemResponse,
} from './problem/problemServerOptions.js';
export { type OversizedBodyOptions, refuseOversizedBody } from './refuseOversizedBody.js';
export {
  API_DIRECTIVES,
  type SecurityHeadersOptions,
  securityHeadersPlugin,
} from './security/securityHeadersPlugin.js';
export { verifyCoreToken } from './verifyCoreToken.js';
