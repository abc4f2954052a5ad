/**
 * zodEnglishOnly in a real rspack build: the bundle keeps zod's English messages and `z.locales.en`,
 * and none of the other locales.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
// The built helper: it points rspack at its compiled English-only module.
import { zodEnglishOnly } from '@coursekit/phase-sdk/build';
import { rspack } from '@rspack/core';
import { afterAll, describe, expect, it } from 'vitest';

const zodModules = createRequire(import.meta.url)
  .resolve('zod/package.json')
  .replace(/[\\/]zod[\\/]package\.json$/, '');
const dir = mkdtempSync(join(tmpdir(), 'ck-zod-locales-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function build(): Promise<string> {
  writeFileSync(
    join(dir, 'entry.js'),
    `import { z } from 'zod';
     export const locales = Object.keys(z.locales);
     export const message = z.string().safeParse(1).error.issues[0].message;`,
  );
  const compiler = rspack({
    mode: 'production',
    context: dir,
    entry: join(dir, 'entry.js'),
    // zod resolves as it does for this package, the host and the phases.
    resolve: { modules: [zodModules, 'node_modules'] },
    output: { path: join(dir, 'dist'), filename: 'bundle.mjs', library: { type: 'module' } },
    optimization: { minimize: false },
    devtool: false,
    plugins: [zodEnglishOnly()],
  });
  return new Promise((resolve, reject) =>
    compiler.run((error, stats) => {
      compiler.close(() => {});
      if (error || stats?.hasErrors()) reject(error ?? new Error(stats?.toString('errors-only')));
      else resolve(join(dir, 'dist', 'bundle.mjs'));
    }),
  );
}

describe('zodEnglishOnly', { timeout: 120_000 }, () => {
  it('leaves English alone and every other zod locale out of the bundle', async () => {
    const bundle = await build();
    const built = await import(pathToFileURL(bundle).href);
    expect(built.locales).toEqual(['en']);
    expect(built.message).toBe('Invalid input: expected string, received number');
    // German's message for the same issue is nowhere in the bundle.
    expect(readFileSync(bundle, 'utf8')).not.toContain('Ungültige Eingabe');
  });
});
