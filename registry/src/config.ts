/**
 * The registry's configuration, read once from environment variables and validated with zod. The
 * defaults make `npm start` work with no setup: port 4000, PGlite under `.coursekit/` at the
 * repository root, dev login and sample data.
 */
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

const optionalString = z
  .string()
  .optional()
  .transform((value) => (value?.trim() ? value.trim() : undefined));

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().default('127.0.0.1'),
  PUBLIC_URL: optionalString.pipe(z.url().optional()),
  COURSEKIT_MODE: z.enum(['development', 'production']).default('development'),
  DATABASE_URL: optionalString,
  /** Root of local state: PGlite's database in `db/`, published client-only remotes in `remotes/`. */
  COURSEKIT_DATA_DIR: optionalString,
  COURSEKIT_HOST_DIST: optionalString,
  COURSEKIT_REMOTES_DIR: optionalString,
  COURSEKIT_SEED: z.enum(['true', 'false']).optional(),
  /** Comma-separated `dist` folders of sample phases; empty for none. */
  COURSEKIT_SEED_PHASES: z.string().optional(),
  SESSION_TTL_HOURS: z.coerce.number().positive().default(12),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface Config {
  port: number;
  host: string;
  /** Absolute origin the registry advertises in URLs it hands out (remote entries). */
  publicUrl: string;
  mode: 'development' | 'production';
  /** Dev login with seeded users; never on in production. */
  devLogin: boolean;
  databaseUrl: string | undefined;
  /** PGlite data folder; `undefined` keeps the database in memory (tests). */
  dataDir: string | undefined;
  hostDist: string;
  remotesDir: string;
  seed: boolean;
  /** Built client-only sample phases (`dist` folders) published and registered by the seed. */
  seedPhaseDirs: string[];
  sessionTtlMs: number;
  logLevel: z.infer<typeof Env>['LOG_LEVEL'];
  /** Whether cookies get the `Secure` flag (when the public URL is https). */
  secureCookies: boolean;
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
  return {
    port: e.PORT,
    host: e.HOST,
    publicUrl,
    mode: e.COURSEKIT_MODE,
    devLogin: e.COURSEKIT_MODE === 'development',
    databaseUrl: e.DATABASE_URL,
    dataDir: e.DATABASE_URL ? undefined : `${dataRoot}/db`,
    hostDist: e.COURSEKIT_HOST_DIST ?? `${repoRoot}host/dist`,
    remotesDir: e.COURSEKIT_REMOTES_DIR ?? `${dataRoot}/remotes`,
    seed: (e.COURSEKIT_SEED ?? (e.COURSEKIT_MODE === 'development' ? 'true' : 'false')) === 'true',
    seedPhaseDirs: (e.COURSEKIT_SEED_PHASES ?? `${repoRoot}phases/intro-course/dist`)
      .split(',')
      .map((dir) => dir.trim())
      .filter(Boolean),
    sessionTtlMs: e.SESSION_TTL_HOURS * 3_600_000,
    logLevel: e.LOG_LEVEL,
    secureCookies: publicUrl.startsWith('https://'),
  };
}
