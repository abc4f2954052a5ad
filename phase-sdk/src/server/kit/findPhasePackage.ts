/**
 * Where a phase's package is on disk, found by walking up from its server entry: its folder (with
 * the `package.json` that names the phase), the repository around it (for the default data folder),
 * and the phase's name. The server runs both from source (tests) and from `server/dist/…`
 * (`npm run serve`), at different depths, so fixed `../..` paths would break one of them.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface PhasePackage {
  /** The folder holding the phase's `package.json`. */
  root: string;
  /** The npm workspace root above it (the monorepo), or the package itself. */
  repoRoot: string;
  /** `coursekit.phase` of its package.json: the phase's name, and its tokens' audience. */
  phase: string;
}

function findUp(from: string, accept: (dir: string) => boolean): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    if (accept(dir)) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

function readManifest(dir: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/**
 * @example
 * const { phase, root } = findPhasePackage(import.meta.url);
 */
export function findPhasePackage(entry: string): PhasePackage {
  const here = dirname(entry.startsWith('file:') ? fileURLToPath(entry) : entry);
  const root = findUp(here, (dir) => existsSync(join(dir, 'package.json')));
  if (!root)
    throw new Error(`No package.json above ${here}: a phase server lives in its phase's package.`);
  const manifest = readManifest(root) ?? {};
  const phase = (manifest.coursekit as { phase?: unknown } | undefined)?.phase;
  if (typeof phase !== 'string' || phase === '') {
    throw new Error(
      `${String(manifest.name ?? root)}: package.json needs "coursekit": { "phase": "<name>" }; the server uses it as its token audience.`,
    );
  }
  const repoRoot =
    findUp(dirname(root), (dir) => readManifest(dir)?.workspaces !== undefined) ?? root;
  return { root, repoRoot, phase };
}
