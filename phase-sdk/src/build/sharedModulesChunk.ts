/**
 * The host's copies of the shared singletons in one chunk. Module Federation gives each shared
 * module a chunk of its own, and the host loads all of them before its first render: a dozen
 * requests, each with its own response headers and compressed without the others' context. One
 * chunk of them all (and of the packages they depend on) is one request and compresses better.
 * Only for the host: a phase takes every singleton from the host and never loads its own copies.
 *
 *   plugins: [new ModuleFederationPlugin({...}), sharedModulesChunk(import.meta.dirname), ...]
 */
import { sep } from 'node:path';
import type { Compiler, RspackPluginInstance } from '@rspack/core';
import { installedPackage, packageOf, SHARED_SINGLETONS } from './sharedSingletons.js';

/** The chunk's name: `shared.<hash>.js` in the output. */
export const SHARED_CHUNK = 'shared';

/**
 * Folders of the shared singletons' packages and of every package they depend on, as installed
 * for `projectDir` (react-dom brings scheduler, react-query its core).
 */
export function sharedPackageDirs(projectDir: string): string[] {
  const dirs = new Set<string>();
  const queue = [...new Set(SHARED_SINGLETONS.map(packageOf))].map((pkg) => ({
    pkg,
    from: projectDir,
  }));
  for (let next = queue.shift(); next; next = queue.shift()) {
    const installed = installedPackage(next.pkg, next.from);
    if (!installed || dirs.has(installed.dir)) continue;
    dirs.add(installed.dir);
    for (const pkg of Object.keys(installed.dependencies ?? {})) {
      queue.push({ pkg, from: installed.dir });
    }
  }
  return [...dirs];
}

export function sharedModulesChunk(projectDir: string): RspackPluginInstance {
  return {
    apply(compiler: Compiler) {
      // A build without Module Federation (the bench's monolith) has no shared modules to group.
      const federated = compiler.options.plugins.some(
        (plugin) => plugin?.constructor.name === 'ModuleFederationPlugin',
      );
      if (!federated) return;
      const dirs = sharedPackageDirs(projectDir).map((dir) => `${dir}${sep}`);
      const { optimization } = compiler.options;
      const splitChunks = optimization.splitChunks === false ? {} : optimization.splitChunks;
      optimization.splitChunks = {
        ...splitChunks,
        cacheGroups: {
          ...(splitChunks?.cacheGroups ?? {}),
          [SHARED_CHUNK]: {
            name: SHARED_CHUNK,
            // Shared modules are loaded on demand (the async boundary); the entry stays as it is.
            chunks: 'async',
            test: (module) => {
              const resource = module.nameForCondition?.() ?? '';
              return dirs.some((dir) => resource.startsWith(dir));
            },
            enforce: true,
            priority: 10,
          },
        },
      };
    },
  };
}
