/**
 * Builds the intro-course phase as new releases of it, for real: the sample's own source built
 * with the SDK's `definePhaseConfig` (rspack + Module Federation, `phase.json` with every file's
 * SHA-384) under a new version, with one visible line naming the build. `release` is what a
 * developer publishes with the CLI; `local` is a developer's own build that their override loads
 * from their machine. Builds are kept in `builds/` (ignored by git) and rebuilt only when their
 * sources change.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { definePhaseConfig } from '@coursekit/phase-sdk/build';
import { type Configuration, rspack } from '@rspack/core';
import { buildOnce, digestOf } from '../fixtures/buildOnce.js';

export const RELEASE_BUILDS = {
  release: { version: '1.1.0', note: 'Intro course 1.1.0: now with a progress summary.' },
  local: { version: '1.2.0-dev', note: 'Local build of intro-course, only in your browser.' },
} as const;

export type ReleaseBuild = keyof typeof RELEASE_BUILDS;

const HERE = fileURLToPath(new URL('.', import.meta.url));
const BUILDS = join(HERE, 'builds');
const INTRO_COURSE = join(HERE, '..', '..', 'phases', 'intro-course');

/** The `dist/` folder of a build: `phase.json` and every file it lists. */
export const releaseBuildDir = (build: ReleaseBuild) => join(BUILDS, build, 'dist');

function configOf(build: ReleaseBuild): Configuration {
  const { version, note } = RELEASE_BUILDS[build];
  const projectDir = join(BUILDS, build);
  mkdirSync(projectDir, { recursive: true });
  // The sample's package.json (its name, title, kind, dependencies) at the new version.
  const pkg = JSON.parse(readFileSync(join(INTRO_COURSE, 'package.json'), 'utf8'));
  writeFileSync(
    join(projectDir, 'package.json'),
    `${JSON.stringify({ ...pkg, version }, null, 2)}\n`,
  );
  const config = definePhaseConfig({
    projectDir,
    mode: 'production',
    entry: join(HERE, 'src', 'releasedIntroCourse.tsx'),
    configSchema: JSON.parse(readFileSync(join(INTRO_COURSE, 'config.schema.json'), 'utf8')),
  });
  return {
    ...config,
    // Module Federation's notes on `publicPath: 'auto'` are expected here; errors still fail.
    infrastructureLogging: { level: 'error' },
    plugins: [
      ...(config.plugins ?? []),
      new rspack.DefinePlugin({ RELEASE_NOTE: JSON.stringify(note) }),
    ],
  };
}

function filesIn(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && !entry.parentPath.includes('__tests__'))
    .map((entry) => join(entry.parentPath, entry.name));
}

/**
 * Build every release unless the builds on disk come from the same sources.
 *
 * @example
 * await buildReleaseBuilds(); // in the release suite
 */
export async function buildReleaseBuilds(): Promise<void> {
  const builds = Object.keys(RELEASE_BUILDS) as ReleaseBuild[];
  await buildOnce({
    dir: BUILDS,
    digest: digestOf([
      ...filesIn(join(HERE, 'src')),
      ...filesIn(join(INTRO_COURSE, 'src')),
      join(INTRO_COURSE, 'package.json'),
      join(INTRO_COURSE, 'config.schema.json'),
      fileURLToPath(import.meta.url),
      // The SDK's whole build helper (definePhaseConfig and its plugins).
      ...filesIn(dirname(fileURLToPath(import.meta.resolve('@coursekit/phase-sdk/build')))),
    ]),
    outputs: builds.map((build) => join(releaseBuildDir(build), 'phase.json')),
    configs: () => builds.map(configOf),
    what: 'The intro-course releases',
  });
}
