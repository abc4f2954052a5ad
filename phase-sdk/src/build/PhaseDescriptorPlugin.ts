/**
 * Emits `phase.json` as an asset of the build: the descriptor the registry validates when an admin
 * registers or publishes this phase version, with the SHA-384 integrity of every file of the build
 * (so that the registry can check a whole upload and the host every file it loads). It is computed
 * from the final assets (after Module Federation wrote its manifest and the source maps), so it is
 * served the same way by `rspack build` (on disk) and by `rspack serve` (in memory).
 */
import { createHash } from 'node:crypto';
import type { Compiler } from '@rspack/core';
import { PHASE_DESCRIPTOR_FILE, type PhaseDescriptor } from '../contract/index.js';

export type PhaseDescriptorInput = Omit<PhaseDescriptor, 'integrity' | '$schema'>;

export function sha384(content: Buffer | string): string {
  return `sha384-${createHash('sha384').update(content).digest('base64')}`;
}

export class PhaseDescriptorPlugin {
  constructor(
    private readonly descriptor: PhaseDescriptorInput,
    /** Files the build must have (the MF manifest and the remote entry). */
    private readonly entryFiles: string[],
  ) {}

  apply(compiler: Compiler): void {
    const { Compilation, sources } = compiler.rspack;
    compiler.hooks.thisCompilation.tap('CoursekitPhaseDescriptorPlugin', (compilation) => {
      compilation.hooks.processAssets.tap(
        // After every other plugin, Module Federation's manifest included.
        {
          name: 'CoursekitPhaseDescriptorPlugin',
          stage: Compilation.PROCESS_ASSETS_STAGE_REPORT + 1,
        },
        () => {
          for (const file of this.entryFiles) {
            if (!compilation.getAsset(file)) {
              compilation.errors.push(
                new compiler.rspack.WebpackError(
                  `Coursekit: the build has no ${file}, so phase.json cannot be written; is the Module Federation plugin configured?`,
                ),
              );
              return;
            }
          }
          const integrity: Record<string, string> = {};
          const assets = compilation
            .getAssets()
            .filter((asset) => asset.name !== PHASE_DESCRIPTOR_FILE)
            .sort((a, b) => a.name.localeCompare(b.name));
          for (const asset of assets) integrity[asset.name] = sha384(asset.source.buffer());
          const descriptor: PhaseDescriptor = {
            $schema: 'https://coursekit.dev/schemas/phase-descriptor/v1',
            ...this.descriptor,
            integrity,
          };
          compilation.emitAsset(
            PHASE_DESCRIPTOR_FILE,
            new sources.RawSource(`${JSON.stringify(descriptor, null, 2)}\n`),
          );
        },
      );
    });
  }
}
