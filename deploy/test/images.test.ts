/**
 * What the images' runtime stages install, checked without a Docker engine: they run
 * `npm prune --omit=dev`, so whatever the lockfile marks as a production package lands in every
 * image. Bundled packages (the host and client-only phases) need nothing at run time: their
 * dependencies are build inputs and must stay development dependencies, or the build toolchain
 * (rspack, TypeScript, Module Federation's build plugins, about 110 MB) ships in the registry image.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './support/processes.js';

interface LockEntry {
  dev?: boolean;
  devOptional?: boolean;
  link?: boolean;
}

const lock = JSON.parse(readFileSync(join(REPO_ROOT, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, LockEntry>;
};
const packageJson = (path: string) =>
  JSON.parse(readFileSync(join(REPO_ROOT, path, 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>;
  };

/** Installed by `npm ci --omit=dev`: every package the lockfile does not mark as development-only. */
const productionPackages = Object.entries(lock.packages)
  .filter(([path, entry]) => path.includes('node_modules/') && !entry.dev && !entry.devOptional)
  .map(([path]) => path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length));

describe('the runtime images', () => {
  it('install no build toolchain', () => {
    const buildTools = productionPackages.filter((name) =>
      /^(@rspack\/|@module-federation\/(enhanced|rspack|dts-plugin)$|typescript$|@typescript\/|@swc\/)/.test(
        name,
      ),
    );
    expect(buildTools).toEqual([]);
  });

  it.each(['host', 'phases/intro-course'])(
    'take nothing of the bundled %s but its built files',
    (workspace) => {
      expect(Object.keys(packageJson(workspace).dependencies ?? {})).toEqual([]);
    },
  );
});
