// Builds the Coursekit host: a Module Federation host with no remotes at build time. Every phase
// remote comes from the registry at run time (registerRemotes), so nothing here names a phase.
import { join } from 'node:path';
import {
  federationRuntimeEsm,
  keepSharedFallbacks,
  PrecompressPlugin,
  sharedModulesChunk,
  sharedSingletons,
  zodEnglishOnly,
} from '@coursekit/phase-sdk/build';
import { ModuleFederationPlugin } from '@module-federation/enhanced/rspack';
import { HtmlRspackPlugin } from '@rspack/core';
import { StartChunkPreloadPlugin } from './build/StartChunkPreloadPlugin.mjs';

/** Where the registry listens during development; the dev server proxies its routes there. */
const REGISTRY = 'http://localhost:4000';

const TITLE = 'Coursekit';

/** The page shell; scripts are injected into <head> with `defer`. */
const HTML = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="color-scheme" content="light dark" />
    <title>${TITLE}</title>
  </head>
  <body>
    <div id="root"></div>
    <noscript>Coursekit needs JavaScript to run.</noscript>
  </body>
</html>
`;

export default (_env, argv) => {
  const mode = argv.mode ?? 'production';
  const dev = mode === 'development';
  return {
    mode,
    context: import.meta.dirname,
    // Only `import('./bootstrap')`: the async boundary lets MF negotiate shared singletons first.
    entry: { main: './src/index.ts' },
    // Production maps are written for whoever deploys the host (error tracking) but not linked
    // from the bundles, and the registry does not serve them: no public source maps.
    devtool: dev ? 'eval-cheap-module-source-map' : 'hidden-source-map',
    output: {
      path: join(import.meta.dirname, 'dist'),
      publicPath: 'auto',
      uniqueName: 'coursekit_host',
      filename: '[name].[contenthash:10].js',
      chunkFilename: '[name].[contenthash:10].js',
      cssFilename: '[name].[contenthash:10].css',
      cssChunkFilename: '[name].[contenthash:10].css',
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
              transform: { react: { runtime: 'automatic', development: dev } },
            },
          },
          type: 'javascript/auto',
        },
        {
          test: /\.css$/,
          use: [{ loader: 'builtin:lightningcss-loader', options: { targets: 'defaults' } }],
          type: 'css',
        },
      ],
    },
    optimization: { runtimeChunk: false },
    plugins: [
      new ModuleFederationPlugin({
        name: 'coursekit_host',
        remotes: {},
        shared: sharedSingletons(import.meta.dirname),
        // A remote that is down must never block the shell: take whatever copy loaded first.
        shareStrategy: 'loaded-first',
        // Time-outs, integrity and fresh URLs of phase files, as the PhaseLoader decides them.
        runtimePlugins: [join(import.meta.dirname, 'src/phases/phaseRuntimePlugin.ts')],
        // Phases built with `experiments.externalRuntime` then use this copy of the MF runtime
        // (globalThis._FEDERATION_RUNTIME_CORE) instead of shipping their own.
        // `target: 'web'`: the runtime's Node.js code paths are left out of the browser bundle.
        experiments: { provideExternalRuntime: true, optimization: { target: 'web' } },
        dts: false,
      }),
      // The federation runtime's ES module build, which tree-shaking can trim.
      federationRuntimeEsm(),
      // The full copies of the shared modules built tree-shaken (react-router) stay deployable.
      keepSharedFallbacks(),
      // The shared singletons the page loads before its first render, in one request.
      sharedModulesChunk(import.meta.dirname),
      // zod's locales but English stay out of the shared zod (see zodEnglishOnly).
      zodEnglishOnly(),
      new HtmlRspackPlugin({
        title: TITLE,
        templateContent: HTML,
        // Deep SPA routes (/courses/x/y) must still load /main.js, not /courses/x/main.js.
        publicPath: '/',
      }),
      // The bootstrap chunks and shared modules download with main.js, not after it ran.
      new StartChunkPreloadPlugin(),
      // `.br`/`.gz` copies that the registry serves as they are (`Content-Encoding`).
      ...(dev ? [] : [new PrecompressPlugin()]),
    ],
    devServer: {
      port: 4200,
      historyApiFallback: true,
      hot: false,
      liveReload: true,
      proxy: [
        {
          context: ['/api', '/remotes', '/phase-api', '/.well-known'],
          target: REGISTRY,
          changeOrigin: false,
        },
      ],
    },
    performance: { hints: false },
  };
};
