/**
 * The default bundle store: a version's files under `<root>/<phase>/<version>/`, the folder the
 * registry serves at `<publicUrl>/remotes/`. A build is written into a staging folder beside it
 * and renamed into place in one step, so a reader never sees half a build, an interrupted publish
 * leaves no partial version, and of two concurrent publishes of one version exactly one rename
 * wins (the others answer `same` or `different`).
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { BundleStore, StoredBuild } from './BundleStore.js';

const STAGING = '.staging';

export class FileBundleStore implements BundleStore {
  readonly description: string;
  readonly servesEncodedCopies = true;
  private readonly baseUrl: string;

  /** `root` is served at `publicBaseUrl` (e.g. `https://coursekit.example.edu/remotes/`). */
  constructor(
    private readonly root: string,
    publicBaseUrl: string,
  ) {
    this.description = `folder ${root}`;
    this.baseUrl = publicBaseUrl.endsWith('/') ? publicBaseUrl : `${publicBaseUrl}/`;
  }

  async put(
    phase: string,
    version: string,
    files: ReadonlyMap<string, Uint8Array>,
    descriptor: Uint8Array,
  ): Promise<StoredBuild> {
    const target = join(this.root, phase, version);
    const baseUrl = new URL(`${phase}/${version}/`, this.baseUrl).href;
    const existing = await readOrNull(join(target, 'phase.json'));
    if (existing)
      return { outcome: sameBytes(existing, descriptor) ? 'same' : 'different', baseUrl };
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
        return { outcome: 'stored', baseUrl };
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw error;
        // Another publish of this version won the rename: same build or not?
        const winner = await readOrNull(join(target, 'phase.json'));
        return {
          outcome: winner && sameBytes(winner, descriptor) ? 'same' : 'different',
          baseUrl,
        };
      }
    } finally {
      await rm(staging, { recursive: true, force: true });
    }
  }

  read(baseUrl: string, path: string): Promise<Uint8Array | null> {
    const folder = this.folderOf(baseUrl);
    const file = resolve(folder, path);
    if (!file.startsWith(`${folder}${sep}`)) return Promise.resolve(null);
    return readOrNull(file);
  }

  async discard(baseUrl: string): Promise<void> {
    await rm(this.folderOf(baseUrl), { recursive: true, force: true });
  }

  /** The folder behind a base URL this store handed out. */
  private folderOf(baseUrl: string): string {
    const path = decodeURIComponent(new URL(baseUrl).pathname);
    const own = new URL(this.baseUrl).pathname;
    const folder = resolve(this.root, path.slice(own.length));
    const inside = relative(this.root, folder);
    if (!path.startsWith(own) || !inside || inside.startsWith('..') || inside.startsWith(STAGING))
      throw new Error(`Bug: ${baseUrl} is not a build of this store (${this.baseUrl}).`);
    return folder;
  }
}

async function readOrNull(file: string): Promise<Buffer | null> {
  try {
    return await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    throw error;
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.compare(a, b) === 0;
}
