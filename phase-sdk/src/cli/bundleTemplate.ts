/**
 * `npm pack` support: `prepack` copies the monorepo's `phase-server-template/` into the SDK's
 * `template/` so that a packed or published SDK carries it, and `postpack` (with `--clean`)
 * removes the copy, so no stale template lingers in the working tree.
 */
import { cpSync, existsSync, rmSync } from 'node:fs';
import { basename } from 'node:path';
import { BUNDLED_TEMPLATE, TEMPLATE_SOURCE } from './findTemplate.js';

const SKIPPED = new Set(['node_modules', 'dist', '.turbo', '.coursekit', 'coverage']);

rmSync(BUNDLED_TEMPLATE, { recursive: true, force: true });
if (!process.argv.includes('--clean')) {
  if (!existsSync(TEMPLATE_SOURCE)) {
    throw new Error(`No template at ${TEMPLATE_SOURCE}: pack the SDK from the Coursekit monorepo.`);
  }
  cpSync(TEMPLATE_SOURCE, BUNDLED_TEMPLATE, {
    recursive: true,
    filter: (source) => !SKIPPED.has(basename(source)) && !source.endsWith('.tsbuildinfo'),
  });
}
