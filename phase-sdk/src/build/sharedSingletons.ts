/**
 * The modules host and phases must share as singletons. A React context (the phase context, the
 * router, the query client) only works when host and phase get the very same module instance, so
 * this list is owned here and every build (host and phases) takes it from one place.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export const SHARED_SINGLETONS = [
  'react',
  'react/jsx-runtime',
  'react-dom',
  'react-dom/client',
  'react-router',
  '@tanstack/react-query',
  'zod',
  '@coursekit/phase-sdk',
  '@coursekit/phase-sdk/contract',
  '@coursekit/phase-sdk/react',
  '@coursekit/phase-sdk/client',
] as const;

export interface SharedConfig {
  singleton: true;
  requiredVersion: string;
  version: string;
  strictVersion: false;
  eager?: false;
}

function packageOf(request: string): string {
  const parts = request.split('/');
  return request.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? request);
}

/** Find the installed version of `pkg` as seen from `fromDir` (walks up node_modules). */
export function installedVersion(pkg: string, fromDir: string): string | undefined {
  const require = createRequire(join(fromDir, 'package.json'));
  let entry: string;
  try {
    entry = require.resolve(pkg);
  } catch {
    return undefined;
  }
  for (let dir = dirname(entry); dir !== dirname(dir); dir = dirname(dir)) {
    try {
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (manifest.name === pkg) return manifest.version;
    } catch {
      // no package.json at this level: keep walking up
    }
  }
  return undefined;
}

/** `^19.0.0` for 19.x, `^0.1.0` for 0.1.x: the range within which a singleton is compatible. */
export function compatibleRange(version: string): string {
  const [major = '0', minor = '0'] = version.split('.');
  return major === '0' ? `^0.${minor}.0` : `^${major}.0.0`;
}

/**
 * The MF `shared` map for a package in `projectDir`: every singleton that is installed there,
 * with its installed version and the compatible range.
 */
export function sharedSingletons(projectDir: string): Record<string, SharedConfig> {
  const shared: Record<string, SharedConfig> = {};
  for (const request of SHARED_SINGLETONS) {
    const version = installedVersion(packageOf(request), projectDir);
    if (!version) continue;
    shared[request] = {
      singleton: true,
      version,
      requiredVersion: compatibleRange(version),
      strictVersion: false,
    };
  }
  return shared;
}
