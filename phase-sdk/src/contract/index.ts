/**
 * `@coursekit/phase-sdk/contract`: the zod schemas of every shape that crosses a process boundary.
 * Registry, host, phases and phase servers all import these; no second copy of a shape exists.
 */
export { AuditEntry, AuditPage, AuditQuery } from './audit.js';
export {
  Catalogue,
  CatalogueEntry,
  CatalogueVersion,
  HealthCheck,
  HealthStatus,
  ProbeRun,
  VersionHealth,
} from './catalogue.js';
export {
  AddMember,
  Course,
  CourseMember,
  CourseParams,
  CourseSlug,
  CreateCourse,
  MemberParams,
  MembersPage,
  MembersQuery,
  UpdateCourse,
  UpdateMember,
} from './course.js';
export {
  Composition,
  CompositionPhase,
  CoursePhase,
  CoursePhaseParams,
  CreateCoursePhase,
  compositionTag,
  integrityOf,
  PhaseAvailability,
  PhaseConfig,
  PhaseFirstRender,
  PhaseLoadPolicy,
  ResolvedCourse,
  ResolvedPhase,
  UpdateCoursePhase,
  VersionPin,
} from './coursePhase.js';
export { Health } from './health.js';
export {
  COURSE_PAGE_CHUNK,
  HOST_CHUNK_PRELOADS_FILE,
  HOST_PAGE_DATA_ID,
  HostChunkPreloads,
  HostPageData,
} from './hostPage.js';
export {
  isStaff,
  PERMISSIONS,
  type Permission,
  PLATFORM_PERMISSIONS,
  type PlatformPermission,
  type PlatformRole,
  type PublishPrincipal,
  platformRolesOf,
  publishRefusal,
  roleCan,
  STAFF_ROLES,
  userCan,
} from './permissions.js';
export {
  BuildFilePath,
  Integrity,
  JsonSchema,
  PHASE_DESCRIPTOR_FILE,
  PHASE_EXPOSE,
  PhaseDescriptor,
  PhaseKind,
  PhaseName,
  SemVer,
  SourceMapPolicy,
} from './phaseDescriptor.js';
export {
  PHASE_LOAD_STAGES,
  PhaseLoadReport,
  PhaseLoadReports,
  PhaseLoadStage,
  PhaseLoadStat,
  PhaseLoadStats,
  PhaseLoadStatsQuery,
} from './phaseLoad.js';
export {
  PHASE_OVERRIDE_PARAM,
  PhaseOverride,
  PhaseOverrideParams,
  parsePhaseOverride,
  SetPhaseOverride,
} from './phaseOverride.js';
export { type PhasePreload, phasePreloads } from './phasePreloads.js';
export {
  defineRoute,
  type HttpMethod,
  type RouteContract,
  type RouteInput,
  type RouteOutput,
} from './phaseRoute.js';
export {
  CoreTokenClaims,
  CoursePhaseIdParams,
  Jwks,
  PhaseToken,
  phaseAudience,
  RotatedSigningKey,
  RotateSigningKey,
} from './phaseToken.js';
export {
  CreatePhaseType,
  PhaseType,
  PhaseTypeParams,
  PhaseVersion,
  PhaseVersionStatus,
  RegisterPhaseVersion,
} from './phaseType.js';
export { FieldError, PROBLEM_CONTENT_TYPE, Problem } from './problem.js';
export { BundlePath, MAX_PUBLISH_BYTES, PublishPhaseBundle } from './publish.js';
export {
  API_TOKEN_PREFIX,
  ApiToken,
  ApiTokenParams,
  CreateApiToken,
  CreatedApiToken,
  GrantPhasePublisher,
  MAX_API_TOKEN_DAYS,
  PhasePublisher,
  PhasePublisherParams,
} from './publishing.js';
export {
  Notice,
  NoticeParams,
  PhaseVersionStatusChange,
  PinFallback,
  SetPhaseVersionStatus,
  VersionParams,
} from './release.js';
export { SDK_VERSION } from './sdkVersion.js';
export {
  findUnstorableJson,
  httpUrl,
  type JsonValue,
  MAX_JSON_DEPTH,
  MAX_URL_LENGTH,
  storableJson,
  storableText,
  storableTextCheck,
  type UnstorableJson,
  unstorableTextReason,
} from './storable.js';
export {
  CourseDataParams,
  CourseDataScope,
  MAX_DOCUMENT_BYTES,
  ParticipantDataParams,
  ParticipantDataScope,
  ParticipantDocument,
  ParticipantsPage,
  ParticipantsQuery,
  parseVersionTag,
  StoredDocument,
  VersionConflict,
  versionTag,
} from './storage.js';
export {
  measureDocument,
  StorableDocument,
  type StorageOperation,
  storageRefusal,
} from './storageRules.js';
export {
  AuthConfig,
  CourseRole,
  DevLoginRequest,
  Email,
  Id,
  Me,
  Membership,
  User,
} from './user.js';
