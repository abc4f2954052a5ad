/**
 * Where the registry keeps the files of published client-only phase builds. A version's files are
 * written as a whole or not at all and never change afterwards: `put` either stores the complete
 * build, finds the very same build already stored (`same`), or finds another build under that
 * version (`different`) and leaves it untouched. `FileBundleStore` keeps them in the folder that
 * `/remotes/<phase>/<version>/` serves.
 */

export type PutResult = 'stored' | 'same' | 'different';

export interface BundleStore {
  /** Store every file of `phase`@`version` atomically; `descriptor` is its `phase.json` bytes. */
  put(
    phase: string,
    version: string,
    files: ReadonlyMap<string, Uint8Array>,
    descriptor: Uint8Array,
  ): Promise<PutResult>;
  /** What the store is, for logs (e.g. `folder /var/lib/coursekit/remotes`). */
  readonly description: string;
}
