/** The bundle store the configuration selects (`BUNDLE_STORE`). */
import type { Config } from '../../config.js';
import type { BundleStore } from './BundleStore.js';
import { FileBundleStore } from './FileBundleStore.js';
import { S3BundleStore } from './S3BundleStore.js';

export function openBundleStore(config: Config): BundleStore {
  return config.bundleStore.kind === 's3'
    ? new S3BundleStore(config.bundleStore.s3)
    : new FileBundleStore(config.remotesDir, `${config.publicUrl}/remotes/`);
}
