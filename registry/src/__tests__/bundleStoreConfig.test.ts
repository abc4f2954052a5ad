/**
 * Choosing the bundle store by configuration: the folder by default; `BUNDLE_STORE=s3` needs a
 * bucket, takes credentials in pairs, and serves from the endpoint's path-style URL, AWS's
 * virtual-hosted one, or `S3_PUBLIC_URL` (a CDN).
 */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';

const s3 = (env: Record<string, string>) => loadConfig({ BUNDLE_STORE: 's3', ...env }).bundleStore;

describe('bundle store configuration', () => {
  it('is the folder by default', () => {
    expect(loadConfig({}).bundleStore).toEqual({ kind: 'filesystem' });
  });

  it('refuses s3 without a bucket, or with half a credential pair, naming the variables', () => {
    expect(() => s3({})).toThrow(/S3_BUCKET: required when BUNDLE_STORE is s3/);
    expect(() => s3({ S3_BUCKET: 'b-1', S3_ACCESS_KEY_ID: 'k' })).toThrow(
      /S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY: set both, or neither/,
    );
    expect(() => loadConfig({ BUNDLE_STORE: 'gcs' })).toThrow(/BUNDLE_STORE/);
  });

  it('derives where browsers load builds from', () => {
    expect(s3({ S3_BUCKET: 'bundles', S3_ENDPOINT: 'http://minio:9000/' })).toMatchObject({
      kind: 's3',
      s3: {
        publicUrl: 'http://minio:9000/bundles/',
        forcePathStyle: true,
        endpoint: 'http://minio:9000',
      },
    });
    expect(s3({ S3_BUCKET: 'bundles', S3_REGION: 'eu-central-1' })).toMatchObject({
      s3: {
        publicUrl: 'https://bundles.s3.eu-central-1.amazonaws.com/',
        forcePathStyle: false,
        credentials: undefined,
      },
    });
    expect(
      s3({ S3_BUCKET: 'bundles', S3_PUBLIC_URL: 'https://cdn.example.edu/', S3_PREFIX: 'remotes' }),
    ).toMatchObject({ s3: { publicUrl: 'https://cdn.example.edu/', prefix: 'remotes/' } });
  });
});
