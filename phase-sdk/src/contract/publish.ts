/**
 * The wire format of publishing a built client-only phase to the registry: every file of its
 * `dist/` folder (`phase.json` and each file it lists) as base64, keyed by its path relative to the
 * folder. The registry checks the paths, the descriptor and every file's SHA-384 before it stores
 * anything; `MAX_PUBLISH_BYTES` bounds the whole request body.
 */
import { z } from 'zod';
import { storableTextCheck } from './storable.js';

/** Largest accepted publish request body (the base64 of every file, JSON included): 50 MB. */
export const MAX_PUBLISH_BYTES = 50 * 1024 * 1024;

/** A relative path inside the build folder: no `..`, no absolute path, no backslash. */
export const BundlePath = z
  .string()
  .min(1)
  .max(300)
  .regex(
    /^(?!\/)(?!.*(?:^|\/)\.\.?(?:\/|$))[A-Za-z0-9._@+~-]+(?:\/[A-Za-z0-9._@+~-]+)*$/,
    'a relative path inside the build folder (letters, digits, . _ - @ + ~, separated by /; no .. or .)',
  )
  .check(storableTextCheck);

export const PublishPhaseBundle = z.object({
  files: z.record(BundlePath, z.base64().check(storableTextCheck)),
});
export type PublishPhaseBundle = z.infer<typeof PublishPhaseBundle>;
