/**
 * Which servers `npm start` runs and with which environment, all derived from the registry's own
 * variables: `PORT` (default 4000) and `HOST` for the registry, the matching phase's server on
 * `MATCHING_PORT` (default `PORT` + 102, so 4102 next to 4000), trusting tokens from the registry's
 * public URL and registered by the registry's seed at its own address. Each server gets its own
 * variables, so nothing one reads can make another bind the same port or trust the wrong core.
 */
import { join } from 'node:path';

export interface ServerSpec {
  /** Short name for log prefixes and messages: `registry`, `matching`. */
  name: string;
  /** What it is, for the banner. */
  description: string;
  /** The port it listens on, and the variable that sets it for `npm start`. */
  port: number;
  portVariable: string;
  /** Where this machine reaches it (its `/readyz` is there). */
  url: string;
  /** The built entry point, run with this Node.js. */
  entry: string;
  cwd: string;
  /** Variables set for this server on top of the inherited environment. */
  env: Record<string, string>;
}

export class PlatformConfigError extends Error {
  override name = 'PlatformConfigError';
}

/** Ports of the phase servers, counted from the registry's port. */
const MATCHING_OFFSET = 102;

function portOf(env: NodeJS.ProcessEnv, variable: string, fallback: number): number {
  const raw = env[variable]?.trim();
  if (!raw) return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new PlatformConfigError(
      `${variable} must be a port number from 1 to 65535 (got ${JSON.stringify(raw)}), e.g. ${variable}=4010 npm start.`,
    );
  }
  return port;
}

/** The address this machine connects to when a server listens on `host`. */
function reachableHost(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === '') return 'localhost';
  return host.includes(':') ? `[${host}]` : host;
}

/**
 * @example
 * platformServers({ PORT: '4001' }, repoRoot).map((server) => server.url);
 * // ['http://localhost:4001', 'http://localhost:4103']
 */
export function platformServers(env: NodeJS.ProcessEnv, repoRoot: string): ServerSpec[] {
  const port = portOf(env, 'PORT', 4000);
  const matchingPort = portOf(env, 'MATCHING_PORT', Math.min(port + MATCHING_OFFSET, 65535));
  if (matchingPort === port) {
    throw new PlatformConfigError(
      `MATCHING_PORT and PORT are both ${port}: give the matching server another port.`,
    );
  }
  const host = env.HOST?.trim() || 'localhost';
  const registryUrl = `http://${reachableHost(host)}:${port}`;
  const matchingUrl = `http://${reachableHost(host)}:${matchingPort}`;
  // The issuer of phase tokens is the registry's public URL; the keys are fetched locally.
  const coreUrl = env.PUBLIC_URL?.trim().replace(/\/$/, '') || `http://localhost:${port}`;
  const dataRoot = env.COURSEKIT_DATA_DIR?.trim();

  return [
    {
      name: 'registry',
      description: 'the core: host app, API, phase remotes, gateway /phase-api/*',
      port,
      portVariable: 'PORT',
      url: registryUrl,
      entry: join(repoRoot, 'registry', 'dist', 'server.js'),
      cwd: join(repoRoot, 'registry'),
      env: {
        PORT: String(port),
        HOST: host,
        COURSEKIT_SEED_PHASE_SERVERS:
          env.COURSEKIT_SEED_PHASE_SERVERS?.trim() || `matching=${matchingUrl}`,
      },
    },
    {
      name: 'matching',
      description: 'the matching phase server, reached through the gateway',
      port: matchingPort,
      portVariable: 'MATCHING_PORT',
      url: matchingUrl,
      entry: join(repoRoot, 'phases', 'matching', 'server', 'dist', 'server', 'src', 'server.js'),
      cwd: join(repoRoot, 'phases', 'matching'),
      env: {
        PHASE_SERVER_PORT: String(matchingPort),
        PHASE_SERVER_HOST: host,
        CORE_URL: env.CORE_URL?.trim() || coreUrl,
        CORE_JWKS_URL: env.CORE_JWKS_URL?.trim() || `${registryUrl}/.well-known/jwks.json`,
        // One root for all local state when the registry's is moved.
        ...(dataRoot ? { DATA_DIR: join(dataRoot, 'phases', 'matching') } : {}),
      },
    },
  ];
}
