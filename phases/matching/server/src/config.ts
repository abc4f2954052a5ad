/**
 * The server's configuration, read once from environment variables and validated with zod; a bad
 * value stops the start with a message naming the variable. The server has its own variables
 * (`PHASE_SERVER_PORT`, `PHASE_SERVER_HOST`), never the registry's `PORT` and `HOST`, so that one
 * environment can start both. The defaults make `npm run serve` work next to a registry started
 * with `npm start`: port 4102, tokens from http://localhost:4000, PGlite under
 * `<repo>/.coursekit/phases/matching/`. (`npm start` sets them from the registry's `PORT`.)
 */
import { join } from 'node:path';
import { z } from 'zod';
import { phaseNameOf, REPO_ROOT } from './packageRoot.js';

const optional = z
  .string()
  .optional()
  .transform((value) => (value?.trim() ? value.trim() : undefined));

const origin = z.url({ protocol: /^https?$/ }).transform((url) => new URL(url).origin);

const Env = z.object({
  PHASE_SERVER_PORT: z.coerce.number().int().min(0).max(65535).default(4102),
  /** Interface to listen on; `0.0.0.0` for all (containers). */
  PHASE_SERVER_HOST: z.string().default('localhost'),
  /** The registry's origin: it issues the phase tokens (their `iss`) and publishes the keys. */
  CORE_URL: origin.default('http://localhost:4000'),
  /** Where to fetch the keys when the core is reachable at another address than CORE_URL. */
  CORE_JWKS_URL: optional.pipe(z.url().optional()),
  /** A PostgreSQL server; when absent, PGlite in DATA_DIR. */
  DATABASE_URL: optional,
  DATA_DIR: optional,
  /** Comma-separated origins whose pages may call this server directly; default the core's. */
  CORS_ORIGINS: optional,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface Config {
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
  logLevel: z.infer<typeof Env>['LOG_LEVEL'];
}

function invalid(lines: string[]): Error {
  return new Error(
    `Invalid configuration of the phase server:\n${lines.map((line) => `  ${line}`).join('\n')}`,
  );
}

/** Parse `env` into a `Config`; throws one readable error naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    throw invalid(
      parsed.error.issues.map(
        (issue) =>
          `${issue.path.join('.')}: ${issue.message} (got ${JSON.stringify(env[String(issue.path[0])])})`,
      ),
    );
  }
  const e = parsed.data;
  const corsOrigins: string[] = [];
  for (const entry of (e.CORS_ORIGINS ?? e.CORE_URL).split(',')) {
    if (!entry.trim()) continue;
    const checked = origin.safeParse(entry.trim());
    if (!checked.success) {
      throw invalid([
        `CORS_ORIGINS: "${entry.trim()}" is not an origin; list origins such as https://coursekit.example.com, separated by commas.`,
      ]);
    }
    corsOrigins.push(checked.data);
  }
  const phase = phaseNameOf();
  return {
    phase,
    port: e.PHASE_SERVER_PORT,
    host: e.PHASE_SERVER_HOST,
    coreUrl: e.CORE_URL,
    jwksUrl: e.CORE_JWKS_URL,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.DATABASE_URL
      ? undefined
      : (e.DATA_DIR ?? join(REPO_ROOT, '.coursekit', 'phases', phase)),
    corsOrigins,
    logLevel: e.LOG_LEVEL,
  };
}
