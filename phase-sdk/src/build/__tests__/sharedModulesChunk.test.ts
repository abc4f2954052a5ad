/**
 * sharedModulesChunk: a federated host's shared singletons (and what they depend on) come in one
 * chunk instead of one chunk each; a build without Module Federation is left as it is.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { ModuleFederationPlugin } from '@module-federation/enhanced/rspack';
import type { RspackPluginInstance } from '@rspack/core';
import { afterAll, describe, expect, it } from 'vitest';
import { SHARED_CHUNK, sharedModulesChunk, sharedPackageDirs, sharedSingletons } from '../index.js';
import { buildHost, introCourse } from './hostBuild.js';

const dir = mkdtempSync(join(tmpdir(), 'ck-shared-chunk-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
writeFileSync(
  join(dir, 'bootstrap.js'),
  "import { createRoot } from 'react-dom/client';\nimport { useState } from 'react';\nexport { createRoot, useState };\n",
);
writeFileSync(join(dir, 'host.js'), "import('./bootstrap.js');\n");

/** The script files of a host build of `host.js`, with Module Federation or without. */
async function build(name: string, federated: boolean): Promise<string[]> {
  const out = join(dir, name);
  const plugins: RspackPluginInstance[] = [sharedModulesChunk(introCourse)];
  if (federated) {
    const shared = sharedSingletons(introCourse);
    plugins.unshift(
      new ModuleFederationPlugin({
        name,
        remotes: {},
        shared: { react: shared.react ?? {}, 'react-dom/client': shared['react-dom/client'] ?? {} },
        dts: false,
      }),
    );
  }
  const stats = await buildHost({
    entry: join(dir, 'host.js'),
    output: { path: out, uniqueName: name, filename: '[name].js' },
    plugins,
  });
  expect(stats?.hasErrors(), stats?.toString('errors-only')).toBe(false);
  return readdirSync(out).filter((file) => file.endsWith('.js'));
}

describe('sharedModulesChunk', { timeout: 120_000 }, () => {
  it('finds the shared packages and the packages they depend on', () => {
    const names = sharedPackageDirs(introCourse).map((path) => path.split(sep).slice(-2).join('/'));
    for (const pkg of [
      '/react',
      '/react-dom',
      '/scheduler',
      '/react-router',
      'tanstack/query-core',
      '/zod',
    ]) {
      expect(
        names.some((name) => name.endsWith(pkg)),
        pkg,
      ).toBe(true);
    }
  });

  it('puts every shared module of a federated host into one chunk', async () => {
    const files = await build('federated_host', true);
    expect(files).toContain(`${SHARED_CHUNK}.js`);
    // The entry, the bootstrap chunk and the shared chunk; no chunk per shared module.
    expect(files).toHaveLength(3);
  });

  it('leaves a build without Module Federation alone', async () => {
    const files = await build('plain_app', false);
    expect(files).not.toContain(`${SHARED_CHUNK}.js`);
  });
});
