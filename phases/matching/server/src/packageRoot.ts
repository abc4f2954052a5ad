/**
 * Where this package and its repository are on disk, found by walking up from this module. The
 * server runs both from source (tests) and from `server/dist/server/src/` (npm run serve), at
 * different depths, so fixed `../..` paths would break one of them.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findUp(from: string, accept: (dir: string) => boolean): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    if (accept(dir)) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

const here = dirname(fileURLToPath(import.meta.url));

/** The folder holding this phase's `package.json`. */
const packageRoot = findUp(here, (dir) => existsSync(join(dir, 'package.json')));
if (!packageRoot) throw new Error(`Bug: no package.json above ${here}.`);
export const PACKAGE_ROOT: string = packageRoot;

/** The npm workspace root above the package (the monorepo), or the package itself. */
export const REPO_ROOT =
  findUp(dirname(PACKAGE_ROOT), (dir) => {
    try {
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
        workspaces?: unknown;
      };
      return manifest.workspaces !== undefined;
    } catch {
      return false;
    }
  }) ?? PACKAGE_ROOT;

/** The phase name from `package.json` (`coursekit.phase`), the same one the remote's build uses. */
export function phaseNameOf(packageRoot: string = PACKAGE_ROOT): string {
  const manifest = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as {
    name?: string;
    coursekit?: { phase?: unknown };
  };
  const phase = manifest.coursekit?.phase;
  if (typeof phase !== 'string' || phase === '') {
    throw new Error(
      `${manifest.name ?? packageRoot}: package.json needs "coursekit": { "phase": "<name>" }; the server uses it as its token audience.`,
    );
  }
  return phase;
}
