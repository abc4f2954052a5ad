/**
 * The registry's configuration, read once from environment variables and validated with zod. The
 * defaults make `npm start` work with no setup: port 4000, PGlite under `.coursekit/` at the
 * repository root, dev login and sample data.
 */
import { fileURLToPath } from 'node:url';
import type { PhaseLoadPolicy } from '@coursekit/phase-sdk/contract';
import {
  type LogFormat,
  LogFormatSetting,
  parseTrustProxy,
  type TrustProxy,
  TrustProxySetting,
} from '@coursekit/phase-sdk/server';
import { z } from 'zod';
import type { S3StoreOptions } from './modules/publish/S3BundleStore.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

const optionalString = z
  .string()
  .optional()
  .transform((value) => (value?.trim() ? value.trim() : undefined));

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().default('localhost'),
  PUBLIC_URL: optionalString.pipe(z.url().optional()),
  /**
   * Which proxies' `X-Forwarded-*` headers to believe: unset or `false` (none, the default),
   * `true` (any: only when every request passes a proxy that overwrites them), a hop count, or
   * addresses, CIDR ranges and `loopback`/`linklocal`/`uniquelocal`, separated by commas.
   */
  TRUST_PROXY: optionalString.pipe(TrustProxySetting.optional()),
  COURSEKIT_MODE: z.enum(['development', 'production']).default('development'),
  /**
   * Hosts the registry may fetch from (descriptors, manifests) and forward to (phase servers) in
   * production although they resolve to non-public addresses: names or IP addresses, by commas.
   */
  DESCRIPTOR_ALLOWED_HOSTS: z
    .string()
    .regex(/^[\s\w.:[\],-]*$/, 'host names or IP addresses separated by commas')
    .optional(),
  /** Time for fetching one descriptor or manifest, redirects and body included. */
  DESCRIPTOR_FETCH_TIMEOUT_MS: z.coerce.number().int().min(100).default(5000),
  DATABASE_URL: optionalString,
  /** Root of local state: PGlite's database in `db/`, published client-only remotes in `remotes/`. */
  COURSEKIT_DATA_DIR: optionalString,
  COURSEKIT_HOST_DIST: optionalString,
  COURSEKIT_REMOTES_DIR: optionalString,
  /** Where published builds go: `filesystem` (under the data folder) or `s3` (S3_* variables). */
  BUNDLE_STORE: z.enum(['filesystem', 's3']).default('filesystem'),
  S3_BUCKET: optionalString,
  /** An S3-compatible server (MinIO, Ceph, R2, …); unset for AWS S3. */
  S3_ENDPOINT: optionalString.pipe(z.url().optional()),
  S3_REGION: z.string().default('us-east-1'),
  /** Key prefix of every build, e.g. `remotes/`. */
  S3_PREFIX: z
    .string()
    .regex(/^(?:[\w.-]+\/)*[\w.-]*$/, 'letters, digits, . _ - separated by /')
    .default(''),
  S3_ACCESS_KEY_ID: optionalString,
  S3_SECRET_ACCESS_KEY: optionalString,
  /** Path-style URLs; default true when S3_ENDPOINT is set. */
  S3_FORCE_PATH_STYLE: z.enum(['true', 'false']).optional(),
  /** The origin (and path) browsers load builds from: the bucket's, or a CDN's in front of it. */
  S3_PUBLIC_URL: optionalString.pipe(z.url({ protocol: /^https?$/ }).optional()),
  COURSEKIT_SEED: z.enum(['true', 'false']).optional(),
  /** Comma-separated `dist` folders of sample phases; empty for none. */
  COURSEKIT_SEED_PHASES: z.string().optional(),
  /** Servers of client-and-server sample phases: `name=url,name=url`. */
  COURSEKIT_SEED_PHASE_SERVERS: z
    .string()
    .regex(
      /^(?:\s*[a-z][a-z0-9-]*=https?:\/\/[^,\s]+\s*(?:,|$))*$/,
      'name=url pairs separated by commas',
    )
    .optional(),
  /** Sign-in attempts per client address and minute; default 20 in production, 600 in development. */
  SIGN_IN_RATE_LIMIT: z.coerce.number().int().min(1).optional(),
  SESSION_TTL_HOURS: z.coerce.number().positive().default(12),
  /** A session's cookie is replaced by a fresh one after this many minutes of use. */
  SESSION_ROTATE_MINUTES: z.coerce.number().positive().default(60),
  /** Absolute limit since sign-in, whatever the rotations. */
  SESSION_MAX_AGE_HOURS: z.coerce
    .number()
    .positive()
    .default(7 * 24),
  /** `dev`: sign in by email (development only); `oidc`: an OpenID Connect provider such as Keycloak. */
  AUTH_MODE: z.enum(['dev', 'oidc']).optional(),
  OIDC_ISSUER: optionalString.pipe(z.url().optional()),
  OIDC_CLIENT_ID: optionalString,
  OIDC_CLIENT_SECRET: optionalString,
  OIDC_REDIRECT_URI: optionalString.pipe(z.url().optional()),
  OIDC_SCOPES: z.string().default('openid email profile'),
  /** Users whose ID token lists this value in `OIDC_ADMIN_CLAIM` are Coursekit admins. */
  OIDC_ADMIN_CLAIM: z.string().default('groups'),
  OIDC_ADMIN_VALUE: z.string().default('coursekit-admins'),
  /** Users whose `OIDC_ADMIN_CLAIM` lists this value are developers (they may override phases). */
  OIDC_DEVELOPER_VALUE: z.string().default('coursekit-developers'),
  /** How long the gateway waits for a phase server's answer before it answers 504. */
  GATEWAY_TIMEOUT_MS: z.coerce.number().int().min(100).default(15_000),
  /** How long a browser may spend loading one phase, every attempt included (told to the host). */
  PHASE_LOAD_BUDGET_MS: z.coerce.number().int().min(500).max(300_000).default(30_000),
  /** How long one attempt to load a phase may take. */
  PHASE_LOAD_ATTEMPT_TIMEOUT_MS: z.coerce.number().int().min(250).max(300_000).default(12_000),
  /** The longest pause between the host's background retries of a failed phase. */
  PHASE_RETRY_MAX_INTERVAL_MS: z.coerce.number().int().min(500).max(600_000).default(30_000),
  PHASE_TOKEN_TTL_SECONDS: z.coerce.number().int().min(30).max(3600).default(300),
  SIGNING_KEY_ROTATION_DAYS: z.coerce.number().positive().default(30),
  /**
   * How long a new signing key is published before it signs: longer than phase servers cache the
   * key set (the SDK's verifier: 5 minutes) plus the JWKS answer's own max-age (1 minute).
   */
  SIGNING_KEY_PROPAGATION_SECONDS: z.coerce.number().min(0).default(420),
  /** `pretty`: readable lines (development default); `json`: one JSON object a line (production). */
  LOG_FORMAT: LogFormatSetting.optional(),
  /**
   * How often the registry probes each phase version a course uses (manifest and integrity, the
   * server's /readyz); 0 turns the schedule off (probes still run on demand).
   */
  HEALTH_PROBE_INTERVAL_SECONDS: z.coerce.number().int().min(0).default(300),
  /** How long one probe request may take. */
  HEALTH_PROBE_TIMEOUT_MS: z.coerce.number().int().min(100).default(5_000),
  /** When set, `/metrics` requires `Authorization: Bearer <METRICS_TOKEN>`. */
  METRICS_TOKEN: optionalString,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface Config {
  port: number;
  host: string;
  /**
   * Absolute URL the registry advertises in URLs it hands out (remote entries); its origin is the
   * only one allowed to change data (with its loopback aliases when it is a loopback one).
   */
  publicUrl: string;
  /** Fastify's `trustProxy`: which proxies' forwarded headers are believed (default none). */
  trustProxy: TrustProxy;
  mode: 'development' | 'production';
  /** `DESCRIPTOR_ALLOWED_HOSTS`, lower-cased, IPv6 without brackets. */
  descriptorAllowedHosts: string[];
  descriptorFetchTimeoutMs: number;
  /** Dev login with seeded users; never on in production. */
  devLogin: boolean;
  databaseUrl: string | undefined;
  /** PGlite data folder; `undefined` keeps the database in memory (tests). */
  dataDir: string | undefined;
  hostDist: string;
  remotesDir: string;
  /** Where published builds are stored and served from. */
  bundleStore: { kind: 'filesystem' } | { kind: 's3'; s3: S3StoreOptions };
  seed: boolean;
  /** Built client-only sample phases (`dist` folders) published and registered by the seed. */
  seedPhaseDirs: string[];
  /** Server URL of each client-and-server sample phase, by phase name. */
  seedPhaseServers: Record<string, string>;
  /** Sign-in attempts (dev login, OIDC login and callback) per client address and minute. */
  signInRateLimit: number;
  sessionTtlMs: number;
  sessionRotateMs: number;
  sessionMaxAgeMs: number;
  auth: { mode: 'dev' } | { mode: 'oidc'; oidc: OidcConfig };
  phaseTokenTtlSeconds: number;
  gatewayTimeoutMs: number;
  /** What the resolve answer tells hosts about loading phases. */
  phaseLoading: PhaseLoadPolicy;
  signingKeyRotationMs: number;
  signingKeyPropagationMs: number;
  logLevel: z.infer<typeof Env>['LOG_LEVEL'];
  metricsToken: string | undefined;
  logFormat: LogFormat;
  /** Interval of the scheduled health probes; 0 means on demand only. */
  healthProbeIntervalMs: number;
  healthProbeTimeoutMs: number;
  /** Whether cookies get the `Secure` flag (when the public URL is https). */
  secureCookies: boolean;
}

export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string | undefined;
  redirectUri: string;
  scopes: string;
  adminClaim: string;
  adminValue: string;
  developerValue: string;
}

/** Parse `env` into a `Config`; throws one readable error naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid Coursekit registry configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const dataRoot = (e.COURSEKIT_DATA_DIR ?? `${repoRoot}.coursekit`).replace(/\/$/, '');
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, '');
  const authMode = e.AUTH_MODE ?? (e.COURSEKIT_MODE === 'development' ? 'dev' : 'oidc');
  if (authMode === 'dev' && e.COURSEKIT_MODE === 'production') {
    throw new Error(
      'Invalid Coursekit registry configuration:\n  AUTH_MODE: dev login cannot be used in production mode; configure OIDC_*.',
    );
  }
  let auth: Config['auth'] = { mode: 'dev' };
  if (authMode === 'oidc') {
    if (!e.OIDC_ISSUER || !e.OIDC_CLIENT_ID) {
      throw new Error(
        'Invalid Coursekit registry configuration:\n  OIDC_ISSUER and OIDC_CLIENT_ID are required when AUTH_MODE is oidc.',
      );
    }
    auth = {
      mode: 'oidc',
      oidc: {
        issuer: e.OIDC_ISSUER,
        clientId: e.OIDC_CLIENT_ID,
        clientSecret: e.OIDC_CLIENT_SECRET,
        redirectUri: e.OIDC_REDIRECT_URI ?? `${publicUrl}/api/auth/oidc/callback`,
        scopes: e.OIDC_SCOPES,
        adminClaim: e.OIDC_ADMIN_CLAIM,
        adminValue: e.OIDC_ADMIN_VALUE,
        developerValue: e.OIDC_DEVELOPER_VALUE,
      },
    };
  }
  return {
    port: e.PORT,
    host: e.HOST,
    publicUrl,
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
    mode: e.COURSEKIT_MODE,
    descriptorAllowedHosts: (e.DESCRIPTOR_ALLOWED_HOSTS ?? '')
      .split(',')
      .map((host) =>
        host
          .trim()
          .toLowerCase()
          .replace(/^\[(.*)\]$/, '$1'),
      )
      .filter(Boolean),
    descriptorFetchTimeoutMs: e.DESCRIPTOR_FETCH_TIMEOUT_MS,
    devLogin: authMode === 'dev',
    databaseUrl: e.DATABASE_URL,
    dataDir: e.DATABASE_URL ? undefined : `${dataRoot}/db`,
    hostDist: e.COURSEKIT_HOST_DIST ?? `${repoRoot}host/dist`,
    remotesDir: e.COURSEKIT_REMOTES_DIR ?? `${dataRoot}/remotes`,
    bundleStore: bundleStoreOf(e),
    seed: (e.COURSEKIT_SEED ?? (e.COURSEKIT_MODE === 'development' ? 'true' : 'false')) === 'true',
    seedPhaseDirs: (
      e.COURSEKIT_SEED_PHASES ??
      `${repoRoot}phases/intro-course/dist,${repoRoot}phases/matching/dist`
    )
      .split(',')
      .map((dir) => dir.trim())
      .filter(Boolean),
    seedPhaseServers: Object.fromEntries(
      (e.COURSEKIT_SEED_PHASE_SERVERS ?? 'matching=http://localhost:4102')
        .split(',')
        .map((pair) => pair.trim())
        .filter(Boolean)
        .map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]),
    ),
    signInRateLimit: e.SIGN_IN_RATE_LIMIT ?? (e.COURSEKIT_MODE === 'production' ? 20 : 600),
    sessionTtlMs: e.SESSION_TTL_HOURS * 3_600_000,
    sessionRotateMs: e.SESSION_ROTATE_MINUTES * 60_000,
    sessionMaxAgeMs: e.SESSION_MAX_AGE_HOURS * 3_600_000,
    auth,
    phaseTokenTtlSeconds: e.PHASE_TOKEN_TTL_SECONDS,
    gatewayTimeoutMs: e.GATEWAY_TIMEOUT_MS,
    phaseLoading: {
      budgetMs: e.PHASE_LOAD_BUDGET_MS,
      attemptTimeoutMs: Math.min(e.PHASE_LOAD_ATTEMPT_TIMEOUT_MS, e.PHASE_LOAD_BUDGET_MS),
      retryMaxIntervalMs: e.PHASE_RETRY_MAX_INTERVAL_MS,
    },
    signingKeyRotationMs: e.SIGNING_KEY_ROTATION_DAYS * 86_400_000,
    signingKeyPropagationMs: e.SIGNING_KEY_PROPAGATION_SECONDS * 1000,
    logLevel: e.LOG_LEVEL,
    metricsToken: e.METRICS_TOKEN,
    logFormat: e.LOG_FORMAT ?? (e.COURSEKIT_MODE === 'development' ? 'pretty' : 'json'),
    healthProbeIntervalMs: e.HEALTH_PROBE_INTERVAL_SECONDS * 1000,
    healthProbeTimeoutMs: e.HEALTH_PROBE_TIMEOUT_MS,
    secureCookies: publicUrl.startsWith('https://'),
  };
}

function bundleStoreOf(e: z.infer<typeof Env>): Config['bundleStore'] {
  if (e.BUNDLE_STORE === 'filesystem') return { kind: 'filesystem' };
  const bad = (message: string) =>
    new Error(`Invalid Coursekit registry configuration:\n  ${message}`);
  if (!e.S3_BUCKET) throw bad('S3_BUCKET: required when BUNDLE_STORE is s3.');
  if (!e.S3_ACCESS_KEY_ID !== !e.S3_SECRET_ACCESS_KEY)
    throw bad(
      'S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY: set both, or neither (the AWS default credentials then apply).',
    );
  const forcePathStyle = (e.S3_FORCE_PATH_STYLE ?? (e.S3_ENDPOINT ? 'true' : 'false')) === 'true';
  const endpoint = e.S3_ENDPOINT?.replace(/\/$/, '');
  const publicUrl =
    e.S3_PUBLIC_URL ??
    (endpoint
      ? forcePathStyle
        ? `${endpoint}/${e.S3_BUCKET}/`
        : `${new URL(endpoint).protocol}//${e.S3_BUCKET}.${new URL(endpoint).host}/`
      : `https://${e.S3_BUCKET}.s3.${e.S3_REGION}.amazonaws.com/`);
  return {
    kind: 's3',
    s3: {
      bucket: e.S3_BUCKET,
      prefix: e.S3_PREFIX && !e.S3_PREFIX.endsWith('/') ? `${e.S3_PREFIX}/` : e.S3_PREFIX,
      publicUrl,
      endpoint,
      region: e.S3_REGION,
      forcePathStyle,
      credentials:
        e.S3_ACCESS_KEY_ID && e.S3_SECRET_ACCESS_KEY
          ? { accessKeyId: e.S3_ACCESS_KEY_ID, secretAccessKey: e.S3_SECRET_ACCESS_KEY }
          : undefined,
    },
  };
}
