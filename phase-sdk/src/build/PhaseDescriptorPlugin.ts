/**
 * Emits `phase.json` after the build has written its files: the descriptor the registry validates
 * when an admin registers this phase version, with the SHA-384 integrity of the entry files.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Compiler } from '@rspack/core';
import { PHASE_DESCRIPTOR_FILE, type PhaseDescriptor } from '../contract/index.js';

export type PhaseDescriptorInput = Omit<PhaseDescriptor, 'integrity' | '$schema'>;

export function sha384(content: Buffer | string): string {
  return `sha384-${createHash('sha384').update(content).digest('base64')}`;
}

export class PhaseDescriptorPlugin {
  constructor(
    private readonly descriptor: PhaseDescriptorInput,
    private readonly entryFiles: string[],
  ) {}

  apply(compiler: Compiler): void {
    compiler.hooks.afterEmit.tap('CoursekitPhaseDescriptorPlugin', (compilation) => {
      const outputPath = compilation.outputOptions.path ?? compiler.outputPath;
      const integrity: Record<string, string> = {};
      for (const file of this.entryFiles) {
        integrity[file] = sha384(readFileSync(join(outputPath, file)));
      }
      const descriptor: PhaseDescriptor = {
        $schema: 'https://coursekit.dev/schemas/phase-descriptor/v1',
        ...this.descriptor,
        integrity,
      };
      writeFileSync(
        join(outputPath, PHASE_DESCRIPTOR_FILE),
        `${JSON.stringify(descriptor, null, 2)}\n`,
      );
    });
  }
}
