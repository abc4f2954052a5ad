/**
 * Fails a phase build that imports an export of a shared module beyond the part the host provides
 * (`SHARED_SUBSETS`). Such a phase would be handed the host's copy, where that export is missing:
 * it would break in the browser, after publishing, instead of here. Reads what Module
 * Federation's shared tree shaking recorded in the manifest's stats as the build's used exports.
 */
import type { Compiler, RspackPluginInstance } from '@rspack/core';
import { SHARED_SUBSETS } from './sharedSingletons.js';

interface StatsShared {
  name: string;
  usedExports?: string[];
}

/** For each subset-shared module: the exports `shared` uses that its subset lacks. */
export function exportsBeyondSubsets(shared: StatsShared[]): Record<string, string[]> {
  const beyond: Record<string, string[]> = {};
  for (const { name, usedExports = [] } of shared) {
    const subset = SHARED_SUBSETS[name];
    if (!subset) continue;
    const missing = usedExports.filter((used) => !subset.includes(used)).sort();
    if (missing.length > 0) beyond[name] = missing;
  }
  return beyond;
}

export function sharedSubsetGuard(statsFile: string): RspackPluginInstance {
  return {
    apply(compiler: Compiler) {
      const { Compilation, WebpackError } = compiler.rspack;
      compiler.hooks.thisCompilation.tap('CoursekitSharedSubsetGuard', (compilation) => {
        compilation.hooks.processAssets.tap(
          // After Module Federation wrote its manifest's stats.
          {
            name: 'CoursekitSharedSubsetGuard',
            stage: Compilation.PROCESS_ASSETS_STAGE_REPORT + 1,
          },
          () => {
            const asset = compilation.getAsset(statsFile);
            if (!asset) return;
            const stats = JSON.parse(asset.source.source().toString()) as {
              shared?: StatsShared[];
            };
            for (const [name, missing] of Object.entries(
              exportsBeyondSubsets(stats.shared ?? []),
            )) {
              compilation.errors.push(
                new WebpackError(
                  `Coursekit: this phase imports ${missing.join(', ')} from ${name}, which the host does not share (a phase gets the host's copy of ${name}; a second one would not see the host's state). Phases may use: ${SHARED_SUBSETS[name]?.join(', ')}.`,
                ),
              );
            }
          },
        );
      });
    },
  };
}
