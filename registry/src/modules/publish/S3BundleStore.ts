/**
 * The bundle store for several replicas or a CDN: an S3-compatible bucket (AWS S3, MinIO, Ceph,
 * R2, …) through the official `@aws-sdk/client-s3`. Builds are content-addressed: a build of
 * `phase`@`version` lives under `<prefix><phase>/<version>/<digest>/`, where the digest is the
 * SHA-256 of its `phase.json` (which lists every file's SHA-384), so two different builds never
 * write the same key and stored bytes never change. Every file is uploaded first and `phase.json`
 * last: it is the commit marker, and a build without it (an interrupted upload) counts as absent
 * and is never handed out. Objects are immutable at their URL and say so in `Cache-Control`.
 *
 * Plain S3 has no atomic "create if absent" that every compatible server honours, so two
 * different builds racing for one version may both be stored; the registration (one database row
 * per version) picks the winner and the loser's publish discards its build. Browsers load the
 * files from `publicUrl` (the bucket's own origin or a CDN in front of it), which must answer
 * with CORS headers: see docs/deployment.md.
 */
import { createHash } from 'node:crypto';
import {
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  NoSuchKey,
  NotFound,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import type { BundleStore, StoredBuild } from './BundleStore.js';
import { contentTypeOf } from './contentTypeOf.js';

export interface S3StoreOptions {
  bucket: string;
  /** Key prefix of every build, e.g. `remotes/` (empty: the bucket's root). */
  prefix: string;
  /** The origin and path browsers load the bucket's objects from, e.g. `https://cdn.example.edu/`. */
  publicUrl: string;
  /** An S3-compatible server's URL; unset for AWS S3. */
  endpoint?: string | undefined;
  region: string;
  /** Path-style URLs (`<endpoint>/<bucket>/<key>`), which most S3-compatible servers need. */
  forcePathStyle: boolean;
  /** Static credentials; unset: the AWS SDK's default chain (environment, profile, instance role). */
  credentials?: { accessKeyId: string; secretAccessKey: string } | undefined;
}

const DESCRIPTOR = 'phase.json';
/** Uploads in flight at once: enough to hide latency, few enough for a small machine. */
const PARALLEL_UPLOADS = 8;

export class S3BundleStore implements BundleStore {
  readonly description: string;
  readonly servesEncodedCopies = false;
  private readonly client: S3Client;
  private readonly publicUrl: string;

  constructor(private readonly options: S3StoreOptions) {
    this.client = new S3Client({
      region: options.region,
      forcePathStyle: options.forcePathStyle,
      ...(options.endpoint ? { endpoint: options.endpoint } : {}),
      ...(options.credentials ? { credentials: options.credentials } : {}),
    });
    this.publicUrl = options.publicUrl.endsWith('/') ? options.publicUrl : `${options.publicUrl}/`;
    this.description = `S3 bucket ${options.bucket}${options.endpoint ? ` at ${options.endpoint}` : ''}, served from ${this.publicUrl}`;
  }

  async put(
    phase: string,
    version: string,
    files: ReadonlyMap<string, Uint8Array>,
    descriptor: Uint8Array,
  ): Promise<StoredBuild> {
    const versionKey = `${this.options.prefix}${phase}/${version}/`;
    const digest = createHash('sha256').update(descriptor).digest('hex').slice(0, 32);
    const buildKey = `${versionKey}${digest}/`;
    const baseUrl = new URL(buildKey, this.publicUrl).href;
    const committed = await this.committedBuilds(versionKey);
    if (committed.includes(buildKey)) return { outcome: 'same', baseUrl };
    if (committed.length > 0) return { outcome: 'different', baseUrl };

    const entries = [...files].filter(([path]) => path !== DESCRIPTOR);
    for (let start = 0; start < entries.length; start += PARALLEL_UPLOADS) {
      await Promise.all(
        entries
          .slice(start, start + PARALLEL_UPLOADS)
          .map(([path, bytes]) => this.upload(`${buildKey}${path}`, bytes)),
      );
    }
    // The commit marker: only now does the build exist.
    await this.upload(`${buildKey}${DESCRIPTOR}`, descriptor);
    return { outcome: 'stored', baseUrl };
  }

  async read(baseUrl: string, path: string): Promise<Uint8Array | null> {
    const key = `${this.keyOf(baseUrl)}${path}`;
    if (!(await this.exists(`${this.keyOf(baseUrl)}${DESCRIPTOR}`))) return null;
    try {
      const object = await this.client.send(
        new GetObjectCommand({ Bucket: this.options.bucket, Key: key }),
      );
      return object.Body ? await object.Body.transformToByteArray() : null;
    } catch (error) {
      if (error instanceof NoSuchKey || error instanceof NotFound) return null;
      throw error;
    }
  }

  async discard(baseUrl: string): Promise<void> {
    const prefix = this.keyOf(baseUrl);
    // The marker goes first, so that a build half-deleted by a crash is absent, not broken.
    await this.deleteKeys([`${prefix}${DESCRIPTOR}`]);
    for await (const page of this.list(prefix))
      await this.deleteKeys((page.Contents ?? []).flatMap((object) => object.Key ?? []));
  }

  /** Key prefixes (`…/<digest>/`) of the builds under `versionKey` that have their marker. */
  private async committedBuilds(versionKey: string): Promise<string[]> {
    const builds: string[] = [];
    for await (const page of this.list(versionKey, '/')) {
      for (const { Prefix } of page.CommonPrefixes ?? []) {
        if (Prefix && (await this.exists(`${Prefix}${DESCRIPTOR}`))) builds.push(Prefix);
      }
    }
    return builds;
  }

  /** Every page of a listing of `prefix` (grouped at `delimiter` when given). */
  private async *list(prefix: string, delimiter?: string) {
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({
          Bucket: this.options.bucket,
          Prefix: prefix,
          Delimiter: delimiter,
          ContinuationToken: token,
        }),
      );
      yield page;
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  private async exists(key: string): Promise<boolean> {
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.options.bucket, Key: key }));
      return true;
    } catch (error) {
      if (error instanceof NotFound || error instanceof NoSuchKey) return false;
      throw error;
    }
  }

  private async upload(key: string, bytes: Uint8Array): Promise<void> {
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.options.bucket,
        Key: key,
        Body: bytes,
        ContentType: contentTypeOf(key),
        // The key holds the build's digest: what it names never changes.
        CacheControl: 'public, max-age=31536000, immutable',
      }),
    );
  }

  private async deleteKeys(keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    await this.client.send(
      new DeleteObjectsCommand({
        Bucket: this.options.bucket,
        Delete: { Objects: keys.map((Key) => ({ Key })), Quiet: true },
      }),
    );
  }

  /** The key prefix behind a base URL this store handed out. */
  private keyOf(baseUrl: string): string {
    if (!baseUrl.startsWith(this.publicUrl) || !baseUrl.endsWith('/'))
      throw new Error(`Bug: ${baseUrl} is not a build of this store (${this.publicUrl}).`);
    return decodeURIComponent(baseUrl.slice(this.publicUrl.length));
  }

  /** Close the SDK's connections (tests, shutdown). */
  close(): void {
    this.client.destroy();
  }
}
