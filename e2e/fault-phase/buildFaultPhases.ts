/**
 * Builds the fault lab: one small phase remote (`src/`) built for real with the SDK's
 * `definePhaseConfig` (rspack + Module Federation) in several variants, each a version of the
 * phase type `fault-lab` with a genuine `phase.json` whose SHA-384 hashes match its files, so
 * that the registry accepts it and the host's integrity checks pass: what fails is the fault
 * itself, never a hash. The healthy build is the fixed version that recovery pins.
 *
 * Two variants change a file of the build after bundling and before `phase.json` is written,
 * as a broken release step would: an entry that is not valid JavaScript, and an entry whose
 * container no longer has the `./Phase` its manifest lists. The builds are kept (`builds/`,
 * ignored by git) and rebuilt only when this folder's sources or the SDK's build helper change.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { definePhaseConfig } from '@coursekit/phase-sdk/build';
import type { Compiler, Configuration } from '@rspack/core';
import { buildOnce, digestOf, sourceFilesIn } from '../fixtures/buildOnce.js';

export const FAULT_LAB_PHASE = 'fault-lab';

interface Variant {
  version: string;
  /** The module exposed as `./Phase`, in `src/`. */
  entry: string;
  /** A broken release step: rewrites `remoteEntry.js` before `phase.json` hashes it. */
  breakEntry?: (source: string) => string;
}

export const FAULT_BUILDS = {
  healthy: { version: '1.0.0', entry: 'healthy.ts' },
  'render-throws': { version: '0.1.0', entry: 'renderThrows.tsx' },
  'no-expose': {
    version: '0.2.0',
    entry: 'healthy.ts',
    // The container's module map loses `./Phase`; the manifest (written earlier) still lists it.
    breakEntry: (source) => source.replaceAll('"./Phase"', '"./Retired"'),
  },
  'wrong-export': { version: '0.3.0', entry: 'wrongExport.ts' },
  'sdk-mismatch': { version: '0.4.0', entry: 'sdkMismatch.ts' },
  'entry-not-js': {
    version: '0.5.0',
    entry: 'healthy.ts',
    // Half a file: a release cut short, hashed and published as it is.
    breakEntry: (source) => source.slice(0, Math.floor(source.length / 2)),
  },
} satisfies Record<string, Variant>;

export type FaultBuild = keyof typeof FAULT_BUILDS;

const HERE = fileURLToPath(new URL('.', import.meta.url));
const BUILDS = join(HERE, 'builds');

/** The folder a build's files are served from (`phase.json` among them). */
export const faultBuildDir = (build: FaultBuild) => join(BUILDS, build, 'dist');

class BreakEntryPlugin {
  constructor(private readonly breakEntry: (source: string) => string) {}

  apply(compiler: Compiler): void {
    const { Compilation, sources } = compiler.rspack;
    compiler.hooks.thisCompilation.tap('FaultLabBreakEntry', (compilation) => {
      // After Module Federation's manifest, before the SDK's PhaseDescriptorPlugin hashes files.
      compilation.hooks.processAssets.tap(
        { name: 'FaultLabBreakEntry', stage: Compilation.PROCESS_ASSETS_STAGE_REPORT },
        () => {
          const asset = compilation.getAsset('remoteEntry.js');
          if (!asset) return;
          const broken = this.breakEntry(asset.source.source().toString());
          compilation.updateAsset('remoteEntry.js', new sources.RawSource(broken));
        },
      );
    });
  }
}

function configOf(build: FaultBuild): Configuration {
  const variant: Variant = FAULT_BUILDS[build];
  const projectDir = join(BUILDS, build);
  mkdirSync(projectDir, { recursive: true });
  writeFileSync(
    join(projectDir, 'package.json'),
    `${JSON.stringify(
      {
        name: `@coursekit/fault-lab-${build}`,
        version: variant.version,
        private: true,
        description: `The fault lab phase, variant ${build}.`,
        coursekit: { phase: FAULT_LAB_PHASE, title: 'Fault lab', kind: 'client-and-server' },
      },
      null,
      2,
    )}\n`,
  );
  const config = definePhaseConfig({
    projectDir,
    mode: 'production',
    entry: join(HERE, 'src', variant.entry),
  });
  return {
    ...config,
    // Source maps and precompressed copies are not what the matrix tests: fewer files, faster.
    devtool: false,
    // Module Federation's notes on `publicPath: 'auto'` are expected here; errors still fail.
    infrastructureLogging: { level: 'error' },
    plugins: [
      ...(config.plugins ?? []).filter(
        (plugin) => plugin?.constructor.name !== 'PrecompressPlugin',
      ),
      ...(variant.breakEntry ? [new BreakEntryPlugin(variant.breakEntry)] : []),
    ],
  };
}

/**
 * Build every variant unless the builds on disk come from the same sources.
 *
 * @example
 * await buildFaultPhases(); // in the fault matrix's worker fixture
 */
export async function buildFaultPhases(): Promise<void> {
  const builds = Object.keys(FAULT_BUILDS) as FaultBuild[];
  await buildOnce({
    dir: BUILDS,
    // Everything the builds depend on that can change in this repository.
    digest: digestOf([
      ...sourceFilesIn(join(HERE, 'src')),
      fileURLToPath(import.meta.url),
      // The SDK's whole build helper (definePhaseConfig and its plugins).
      ...sourceFilesIn(dirname(fileURLToPath(import.meta.resolve('@coursekit/phase-sdk/build')))),
    ]),
    outputs: builds.map((build) => join(faultBuildDir(build), 'phase.json')),
    configs: () => builds.map(configOf),
    what: 'The fault lab',
  });
}
