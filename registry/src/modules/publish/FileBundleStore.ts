/**
 * The default bundle store: a version's files under `<root>/<phase>/<version>/`, the folder the
 * registry serves at `/remotes/`. A build is written into a staging folder beside it and renamed
 * into place in one step, so a reader never sees half a build, an interrupted publish leaves no
 * partial version, and of two concurrent publishes of one version exactly one rename wins.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { BundleStore, PutResult } from './BundleStore.js';

const STAGING = '.staging';

export class FileBundleStore implements BundleStore {
  readonly description: string;

  constructor(private readonly root: string) {
    this.description = `folder ${root}`;
  }

  async put(
    phase: string,
    version: string,
    files: ReadonlyMap<string, Uint8Array>,
    descriptor: Uint8Array,
  ): Promise<PutResult> {
    const target = join(this.root, phase, version);
    const existing = await this.storedDescriptor(target);
    if (existing) return sameBytes(existing, descriptor) ? 'same' : 'different';
    const staging = join(
      this.root,
      STAGING,
      `${phase}-${version}-${randomBytes(6).toString('hex')}`,
    );
    try {
      for (const [path, bytes] of files) {
        await mkdir(dirname(join(staging, path)), { recursive: true });
        await writeFile(join(staging, path), bytes);
      }
      await mkdir(dirname(target), { recursive: true });
      try {
        await rename(staging, target);
        return 'stored';
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw error;
        // Another publish of this version won the rename: same build or not?
        const winner = await this.storedDescriptor(target);
        return winner && sameBytes(winner, descriptor) ? 'same' : 'different';
      }
    } finally {
      await rm(staging, { recursive: true, force: true });
    }
  }

  private async storedDescriptor(folder: string): Promise<Buffer | null> {
    try {
      return await readFile(join(folder, 'phase.json'));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.compare(a, b) === 0;
}
