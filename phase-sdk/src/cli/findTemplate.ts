/**
 * Where the phase template is. In this monorepo the scaffolder copies the live source,
 * `phase-server-template/` next to the SDK, so it is never stale. A packed SDK (`npm pack`, or
 * installed from a registry) carries a copy in `template/`, which `prepack` makes with
 * `bundleTemplate` and `postpack` removes again.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The SDK package's folder (this file is `src/cli/` or `dist/cli/` in it). */
export const SDK_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export const TEMPLATE_SOURCE = join(SDK_ROOT, '..', 'phase-server-template');
export const BUNDLED_TEMPLATE = join(SDK_ROOT, 'template');

export function findTemplate(): string {
  for (const dir of [TEMPLATE_SOURCE, BUNDLED_TEMPLATE]) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'variants'))) return dir;
  }
  throw new Error(
    `Bug: the phase template is missing (looked in ${TEMPLATE_SOURCE} and ${BUNDLED_TEMPLATE}); reinstall @coursekit/phase-sdk.`,
  );
}
