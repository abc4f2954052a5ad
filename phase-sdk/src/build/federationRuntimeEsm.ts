/**
 * Module Federation's browser runtime as ES modules. rspack's federation plugin finds its runtime
 * packages with `require.resolve`, so every host and remote entry got their CommonJS builds,
 * which no bundler can tree-shake: each remoteEntry.js carried the Node.js script loader, the
 * manifest-to-snapshot converter and the logger whether or not anything called them. The same
 * packages ship ES module builds beside the CommonJS ones (`dist/x.cjs` → `dist/x.js`, same
 * code); this plugin makes the build take those, so unused code is dropped and
 * `experiments.optimization.target: 'web'` removes the Node.js branches. All of the runtime's
 * modules switch together, so a page still has one runtime instance.
 *
 *   plugins: [new ModuleFederationPlugin({...}), federationRuntimeEsm(), ...]
 */
import { existsSync } from 'node:fs';
import type { Compiler, RspackPluginInstance } from '@rspack/core';

/** A CommonJS file of one of Module Federation's runtime packages. */
const FEDERATION_CJS =
  /[\\/]node_modules[\\/]@module-federation[\\/](?:runtime|runtime-core|runtime-tools|webpack-bundler-runtime|sdk|error-codes|inject-external-runtime-core-plugin)[\\/]dist[\\/].*\.cjs$/;

/** The ES module build beside `path`, when the package ships one. */
export function esmTwin(path: string): string | undefined {
  if (!FEDERATION_CJS.test(path)) return undefined;
  const twin = path.replace(/\.cjs$/, '.js');
  return existsSync(twin) ? twin : undefined;
}

export function federationRuntimeEsm(): RspackPluginInstance {
  return {
    apply(compiler: Compiler) {
      // A module's type follows the file it resolved to first: parse the swapped-in ES module
      // as what it is, not as CommonJS.
      compiler.options.module.rules.push({ test: FEDERATION_CJS, type: 'javascript/auto' });
      new compiler.rspack.NormalModuleReplacementPlugin(/\.cjs$/, (resource) => {
        // Before resolution: the federation runtime's entry imports its bundler runtime by path.
        const request = resource.request && esmTwin(resource.request);
        if (request) resource.request = request;
        // After resolution: a bare `require('@module-federation/…')` resolved to a `.cjs` file.
        const created = resource.createData;
        const resolved = created?.resource && esmTwin(created.resource.split('?')[0] ?? '');
        if (created && resolved) created.resource = resolved;
      }).apply(compiler);
    },
  };
}
