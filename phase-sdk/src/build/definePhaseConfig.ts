/**
 * `definePhaseConfig` turns a package into a Coursekit phase remote: one call in the phase's
 * `rspack.config.mjs` applies every Module Federation rule of the platform (shared singletons,
 * loaded-first sharing, auto public path, content-hashed chunks, a unique name per version) and
 * emits `phase.json`, so no phase can get one of them wrong.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ModuleFederationPlugin } from '@module-federation/enhanced/rspack';
import type { Configuration } from '@rspack/core';
import {
  type JsonSchema,
  PHASE_EXPOSE,
  type PhaseKind,
  PhaseName,
  SDK_VERSION,
  SemVer,
  SourceMapPolicy,
} from '../contract/index.js';
import { federationRuntimeEsm } from './federationRuntimeEsm.js';
import { PhaseDescriptorPlugin } from './PhaseDescriptorPlugin.js';
import { PrecompressPlugin } from './PrecompressPlugin.js';
import { compatibleRange, sharedSingletons } from './sharedSingletons.js';
import { sharedSubsetGuard } from './sharedSubsetGuard.js';
import { zodEnglishOnly } from './zodEnglishOnly.js';

export interface PhasePackageJson {
  name: string;
  version: string;
  description?: string;
  coursekit?: { phase?: string; title?: string; kind?: PhaseKind };
}

export interface PhaseBuildOptions {
  /** Folder holding the phase's `package.json` (use `import.meta.dirname`). */
  projectDir: string;
  mode?: 'production' | 'development';
  /** The module whose default export is `definePhase(...)`. Default `./src/index.ts`. */
  entry?: string;
  /** Port of `rspack serve` during development. Default 4101. */
  devPort?: number;
  /**
   * JSON Schema of the per-course configuration, written into `phase.json`: the registry refuses
   * configurations that do not match it, and the admin console generates its settings form from
   * it (titles and descriptions become labels and hints).
   */
  configSchema?: JsonSchema;
  /**
   * Whether a production build publishes its source maps. `none` (the default): no `.map` files,
   * so anyone can read only the minified code, and the registry refuses maps of this version.
   * `public`: the build ships them and says so in `phase.json`, and the registry serves them.
   * Development builds always carry maps; they are served by the developer's own machine.
   */
  sourceMaps?: SourceMapPolicy;
}

export const REMOTE_ENTRY_FILE = 'remoteEntry.js';
export const MANIFEST_FILE = 'mf-manifest.json';
/** What Module Federation writes beside the manifest: the build's shared modules and their used exports. */
const MANIFEST_STATS_FILE = 'mf-manifest-stats.json';

function readPhasePackage(projectDir: string): Required<
  Pick<PhasePackageJson, 'name' | 'version'>
> & {
  phase: string;
  title: string;
  kind: PhaseKind;
  description: string;
} {
  const pkg = JSON.parse(
    readFileSync(join(projectDir, 'package.json'), 'utf8'),
  ) as PhasePackageJson;
  const meta = pkg.coursekit ?? {};
  const phase = PhaseName.safeParse(meta.phase);
  if (!phase.success) {
    throw new Error(
      `${pkg.name}: package.json needs "coursekit": { "phase": "<name>" } with a valid phase name (got ${JSON.stringify(meta.phase)}): ${phase.error.issues[0]?.message}`,
    );
  }
  if (!SemVer.safeParse(pkg.version).success) {
    throw new Error(
      `${pkg.name}: package.json "version" must be a semantic version (got ${JSON.stringify(pkg.version)}).`,
    );
  }
  return {
    name: pkg.name,
    version: pkg.version,
    phase: phase.data,
    title: meta.title ?? phase.data,
    kind: meta.kind ?? 'client-only',
    description: pkg.description ?? '',
  };
}

/**
 * Build configuration of a phase remote.
 *
 * @example
 * // rspack.config.mjs
 * import { definePhaseConfig } from '@coursekit/phase-sdk/build';
 * export default (_env, argv) => definePhaseConfig({ projectDir: import.meta.dirname, mode: argv.mode });
 */
export function definePhaseConfig(options: PhaseBuildOptions): Configuration {
  const {
    projectDir,
    mode = 'production',
    entry = './src/index.ts',
    devPort = 4101,
    sourceMaps = 'none',
  } = options;
  if (!SourceMapPolicy.safeParse(sourceMaps).success) {
    throw new Error(
      `${projectDir}: sourceMaps must be "public" or "none", got ${JSON.stringify(sourceMaps)}.`,
    );
  }
  if (options.configSchema !== undefined && options.configSchema.type !== 'object') {
    throw new Error(
      `${projectDir}: configSchema must be a JSON Schema of an object ({ "type": "object", "properties": { ... } }), got type ${JSON.stringify(options.configSchema.type)}.`,
    );
  }
  const pkg = readPhasePackage(projectDir);
  const uniqueName = `coursekit_${pkg.phase}_${pkg.version}`.replace(/[^a-zA-Z0-9_]/g, '_');

  return {
    mode,
    context: projectDir,
    entry: {},
    // Development maps without eval(): a developer's override loads this build into a host page
    // whose Content-Security-Policy allows no 'unsafe-eval'.
    devtool:
      mode !== 'production'
        ? 'cheap-module-source-map'
        : sourceMaps === 'public'
          ? 'source-map'
          : false,
    output: {
      path: join(projectDir, 'dist'),
      publicPath: 'auto',
      uniqueName,
      filename: '[name].[contenthash:10].js',
      chunkFilename: '[name].[contenthash:10].js',
      clean: true,
    },
    resolve: { extensions: ['.ts', '.tsx', '.js', '.jsx', '.json'] },
    module: {
      rules: [
        {
          test: /\.[jt]sx?$/,
          exclude: /node_modules/,
          loader: 'builtin:swc-loader',
          options: {
            jsc: {
              parser: { syntax: 'typescript', tsx: true },
              // Always the production JSX runtime: a phase in development is usually mounted by a
              // production host, whose shared React has no dev-only internals for jsxDEV to call.
              transform: { react: { runtime: 'automatic', development: false } },
            },
          },
          type: 'javascript/auto',
        },
      ],
    },
    optimization: { runtimeChunk: false },
    plugins: [
      new ModuleFederationPlugin({
        name: pkg.phase,
        filename: REMOTE_ENTRY_FILE,
        // Phase names are kebab-case, which is no JS identifier: assign a global property instead
        // of declaring a variable. The MF runtime finds the container by the same name.
        library: { type: 'global', name: pkg.phase },
        exposes: { [PHASE_EXPOSE]: entry },
        shared: sharedSingletons(projectDir),
        // The full copy of a tree-shaken shared module is built by a compiler of its own with this
        // build's plugins; phase.json belongs to the phase's build only.
        treeShakingSharedExcludePlugins: [PhaseDescriptorPlugin.name],
        shareStrategy: 'loaded-first',
        manifest: { fileName: MANIFEST_FILE },
        dts: false,
        // One copy of the MF runtime: the phase uses the host's (the host sets
        // provideExternalRuntime), so remoteEntry.js carries only this phase's container.
        experiments: { externalRuntime: true, optimization: { target: 'web' } },
      }),
      federationRuntimeEsm(),
      sharedSubsetGuard(MANIFEST_STATS_FILE),
      new PhaseDescriptorPlugin(
        {
          name: pkg.phase,
          version: pkg.version,
          title: pkg.title,
          description: pkg.description,
          kind: pkg.kind,
          sdk: compatibleRange(SDK_VERSION),
          manifest: MANIFEST_FILE,
          exposes: [PHASE_EXPOSE],
          ...(options.configSchema ? { configSchema: options.configSchema } : {}),
          ...(mode === 'production' && sourceMaps === 'public' ? { sourceMaps } : {}),
        },
        [MANIFEST_FILE, REMOTE_ENTRY_FILE],
      ),
      zodEnglishOnly(),
      // `.br`/`.gz` copies for the registry to serve; a development build is served uncompressed.
      ...(mode === 'production' ? [new PrecompressPlugin()] : []),
    ],
    devServer: {
      port: devPort,
      headers: { 'Access-Control-Allow-Origin': '*' },
      hot: false,
      liveReload: true,
    },
    performance: { hints: false },
  };
}
