/**
 * Where the registry keeps the files of published client-only phase builds, behind one interface
 * with two implementations: `FileBundleStore` (a folder the registry serves at `/remotes/`, the
 * default) and `S3BundleStore` (an S3-compatible bucket, served from its own or a CDN's origin).
 *
 * A build is stored whole or not at all, and stored bytes never change: `put` either stores the
 * complete build and answers where it is served (`stored`), finds the very same build already
 * there (`same`), or finds another build under that version (`different`) and leaves it
 * untouched. Which build *is* a version is finally decided by its registration (one row per
 * version in the database, which every replica shares): a store that keeps builds
 * content-addressed may answer `stored` to two different builds racing for one version, and the
 * publish that loses the registration `discard`s its build again.
 */

export type PutOutcome = 'stored' | 'same' | 'different';

export interface StoredBuild {
  outcome: PutOutcome;
  /** Absolute URL of the build's folder, ending in `/`: `phase.json` and every file are under it. */
  baseUrl: string;
}

export interface BundleStore {
  /** Store every file of `phase`@`version` atomically; `descriptor` is its `phase.json` bytes. */
  put(
    phase: string,
    version: string,
    files: ReadonlyMap<string, Uint8Array>,
    descriptor: Uint8Array,
  ): Promise<StoredBuild>;
  /** The bytes of `path` in the build at `baseUrl`, or `null` when it holds no such file. */
  read(baseUrl: string, path: string): Promise<Uint8Array | null>;
  /** Remove the build at `baseUrl` that this store `put` but that was never registered. */
  discard(baseUrl: string): Promise<void>;
  /**
   * Whether the store serves a file's `.br`/`.gz` copy to clients that accept it (the registry's
   * static files do; an object store does not negotiate encodings, so copies are not sent to it).
   */
  readonly servesEncodedCopies: boolean;
  /** What the store is, for logs (e.g. `folder /var/lib/coursekit/remotes`). */
  readonly description: string;
  /** Release connections when the registry stops. */
  close?(): void;
}
