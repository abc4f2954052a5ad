/**
 * A real S3-compatible server for tests: `s3rver` in-process on a free port over real HTTP, with a
 * bucket whose CORS rules let any origin read (what an operator configures for remotes served from
 * the bucket or a CDN in front of it), and the registry variables that select it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateBucketCommand,
  ListObjectsV2Command,
  PutBucketCorsCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import type { S3StoreOptions } from '../../modules/publish/S3BundleStore.js';

export interface ObjectStore {
  /** `http://127.0.0.1:<port>`: the S3 endpoint, and the origin browsers load remotes from. */
  origin: string;
  bucket: string;
  /** The registry's variables for this bucket. */
  env: Record<string, string>;
  options: S3StoreOptions;
  /** Every key in the bucket under `prefix`. */
  keys(prefix?: string): Promise<string[]>;
  close(): Promise<void>;
}

const CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

export async function startObjectStore(bucket = 'coursekit-bundles'): Promise<ObjectStore> {
  const directory = mkdtempSync(join(tmpdir(), 'ck-s3-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory });
  const { port } = await server.run();
  const origin = `http://127.0.0.1:${port}`;
  const client = new S3Client({
    endpoint: origin,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: CREDENTIALS,
  });
  await client.send(new CreateBucketCommand({ Bucket: bucket }));
  await client.send(
    new PutBucketCorsCommand({
      Bucket: bucket,
      CORSConfiguration: {
        CORSRules: [
          { AllowedOrigins: ['*'], AllowedMethods: ['GET', 'HEAD'], MaxAgeSeconds: 3600 },
        ],
      },
    }),
  );
  return {
    origin,
    bucket,
    env: {
      BUNDLE_STORE: 's3',
      S3_ENDPOINT: origin,
      S3_BUCKET: bucket,
      S3_PREFIX: 'remotes/',
      S3_ACCESS_KEY_ID: CREDENTIALS.accessKeyId,
      S3_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey,
    },
    options: {
      bucket,
      prefix: 'remotes/',
      publicUrl: `${origin}/${bucket}/`,
      endpoint: origin,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: CREDENTIALS,
    },
    async keys(prefix = '') {
      const keys: string[] = [];
      let token: string | undefined;
      do {
        const page = await client.send(
          new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }),
        );
        keys.push(...(page.Contents ?? []).flatMap((object) => object.Key ?? []));
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
      return keys.sort();
    },
    async close() {
      client.destroy();
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
