/**
 * A phase server's configuration, read once from environment variables and validated with zod; a
 * bad value stops the start with one message naming every bad variable and its value. A phase server
 * has its own variables (`PHASE_SERVER_PORT`, `PHASE_SERVER_HOST`), never the registry's `PORT` and
 * `HOST`, so that one environment can start both. The defaults make `npm run serve` work next to a
 * registry started with `npm start`: the phase's default port, tokens from http://localhost:4000,
 * PGlite under `<repo>/.coursekit/phases/<phase>/`. (`npm start` sets them from the registry's.)
 */
import { join } from 'node:path';
import { z } from 'zod';
import {
  type LogFormat,
  LogFormatSetting,
  parseTrustProxy,
  type TrustProxy,
  TrustProxySetting,
} from '../observability/serverLogging.js';
import type { PhasePackage } from './findPhasePackage.js';

const optional = z
  .string()
  .optional()
  .transform((value) => (value?.trim() ? value.trim() : undefined));

const origin = z.url({ protocol: /^https?$/ }).transform((url) => new URL(url).origin);

/** The core `npm start` runs, unless the server's entry or `CORE_URL` names another. */
const DEFAULT_CORE_URL = 'http://localhost:4000';

const LogLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

const Env = z.object({
  PHASE_SERVER_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  /** Interface to listen on; `0.0.0.0` for all (containers). */
  PHASE_SERVER_HOST: z.string().default('localhost'),
  /** The registry's origin: it issues the phase tokens (their `iss`) and publishes the keys. */
  CORE_URL: optional.pipe(origin.optional()),
  /** Where to fetch the keys when the core is reachable at another address than CORE_URL. */
  CORE_JWKS_URL: optional.pipe(z.url().optional()),
  /** A PostgreSQL server; when absent, PGlite in DATA_DIR. */
  DATABASE_URL: optional,
  DATA_DIR: optional,
  /** Comma-separated origins whose pages may call this server directly; default the core's. */
  CORS_ORIGINS: optional,
  LOG_LEVEL: LogLevel.default('info'),
  /** `json` lines (default) or `pretty` readable lines. */
  LOG_FORMAT: LogFormatSetting.default('json'),
  /** Which proxies' forwarded headers to believe (as the registry's): none unless set. */
  TRUST_PROXY: optional.pipe(TrustProxySetting.optional()),
  /** When set, `/metrics` requires `Authorization: Bearer <METRICS_TOKEN>`. */
  METRICS_TOKEN: optional,
});

export interface PhaseServerConfig {
  /** This phase's name: the audience its tokens must carry. */
  phase: string;
  port: number;
  host: string;
  coreUrl: string;
  jwksUrl: string | undefined;
  databaseUrl: string | undefined;
  /** PGlite's folder (`memory://` for a throwaway one); `undefined` with a DATABASE_URL. */
  dataDir: string | undefined;
  corsOrigins: string[];
  logLevel: z.infer<typeof LogLevel>;
  logFormat: LogFormat;
  /** Fastify's `trustProxy`, from `TRUST_PROXY`: `false` unless configured. */
  trustProxy: TrustProxy;
  metricsToken: string | undefined;
}

/** The configuration is invalid; the message names every bad variable. */
export class PhaseServerConfigError extends Error {
  override readonly name = 'PhaseServerConfigError';

  constructor(lines: string[]) {
    super(
      `Invalid configuration of the phase server:\n${lines.map((line) => `  ${line}`).join('\n')}`,
    );
  }
}

/**
 * Parse `env` into a `PhaseServerConfig`; throws one readable error naming every bad variable.
 *
 * @example
 * const config = loadPhaseServerConfig(process.env, { pkg: findPhasePackage(import.meta.url), port: 4190 });
 */
export function loadPhaseServerConfig(
  env: Record<string, string | undefined>,
  defaults: { pkg: PhasePackage; port: number; coreUrl?: string | undefined },
): PhaseServerConfig {
  const parsed = Env.safeParse(env);
  const coreDefault = origin.safeParse(defaults.coreUrl ?? DEFAULT_CORE_URL);
  if (!coreDefault.success) {
    throw new PhaseServerConfigError([
      `createPhaseServer({ coreUrl }): "${defaults.coreUrl}" is not an http(s) URL; give the core's origin, such as https://coursekit.example.com.`,
    ]);
  }
  if (!parsed.success) {
    throw new PhaseServerConfigError(
      parsed.error.issues.map(
        (issue) =>
          `${issue.path.join('.')}: ${issue.message} (got ${JSON.stringify(env[String(issue.path[0])])})`,
      ),
    );
  }
  const e = parsed.data;
  const coreUrl = e.CORE_URL ?? coreDefault.data;
  const corsOrigins: string[] = [];
  for (const entry of (e.CORS_ORIGINS ?? coreUrl).split(',')) {
    if (!entry.trim()) continue;
    const checked = origin.safeParse(entry.trim());
    if (!checked.success) {
      throw new PhaseServerConfigError([
        `CORS_ORIGINS: "${entry.trim()}" is not an origin; list origins such as https://coursekit.example.com, separated by commas.`,
      ]);
    }
    corsOrigins.push(checked.data);
  }
  const { phase, repoRoot } = defaults.pkg;
  return {
    phase,
    port: e.PHASE_SERVER_PORT ?? defaults.port,
    host: e.PHASE_SERVER_HOST,
    coreUrl,
    jwksUrl: e.CORE_JWKS_URL,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.DATABASE_URL
      ? undefined
      : (e.DATA_DIR ?? join(repoRoot, '.coursekit', 'phases', phase)),
    corsOrigins,
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT,
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
    metricsToken: e.METRICS_TOKEN,
  };
}
