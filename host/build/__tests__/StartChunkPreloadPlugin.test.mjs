// @vitest-environment node
/**
 * StartChunkPreloadPlugin in real rspack builds: a Module Federation host's page preloads its async
 * boundary and the shared module it consumes, not what code imports later, whose named chunks it
 * lists for a server instead; a one-bundle build of the same code gets no preloads and is marked as
 * one whose phases are bundled.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ModuleFederationPlugin } from '@module-federation/enhanced/rspack';
import { HtmlRspackPlugin, rspack } from '@rspack/core';
import { afterAll, describe, expect, it } from 'vitest';
import { StartChunkPreloadPlugin } from '../StartChunkPreloadPlugin.mjs';

const nodeModules = createRequire(import.meta.url)
  .resolve('react/package.json')
  .replace(/[\\/]react[\\/]package\.json$/, '');
const dir = mkdtempSync(join(tmpdir(), 'ck-start-preloads-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

writeFileSync(join(dir, 'index.js'), `import(/* webpackChunkName: "bootstrap" */ './bootstrap');`);
writeFileSync(
  join(dir, 'bootstrap.js'),
  `import { createElement } from 'react';
   import { openLater } from './app';
   globalThis.element = createElement('p');
   globalThis.openLater = openLater;`,
);
writeFileSync(
  join(dir, 'app.js'),
  `export const openLater = () => import(/* webpackChunkName: "later" */ './later');`,
);
writeFileSync(join(dir, 'later.js'), `export const later = 'only when asked';`);

/** Builds `entry` and returns the page's preloads, as `as href` strings, and the bundle's files. */
function build(name, entry, federated) {
  const out = join(dir, name);
  const compiler = rspack({
    mode: 'production',
    context: dir,
    entry: { main: entry },
    resolve: { modules: [nodeModules, 'node_modules'] },
    output: { path: out, publicPath: 'auto', filename: '[name].js', chunkFilename: '[name].js' },
    optimization: { minimize: false, runtimeChunk: false },
    devtool: false,
    plugins: [
      ...(federated
        ? [
            new ModuleFederationPlugin({
              name: `fixture_${name}`,
              remotes: {},
              shared: { react: { singleton: true, requiredVersion: false } },
              dts: false,
              manifest: false,
            }),
          ]
        : []),
      new HtmlRspackPlugin({ publicPath: '/' }),
      new StartChunkPreloadPlugin(),
    ],
  });
  return new Promise((resolve, reject) =>
    compiler.run((error, stats) => {
      compiler.close(() => {});
      if (error || stats?.hasErrors()) {
        reject(error ?? new Error(stats?.toString('errors-only')));
        return;
      }
      const html = readFileSync(join(out, 'index.html'), 'utf8');
      const preloads = [...html.matchAll(/<link as="(\w+)" href="\/([^"]+)" rel="preload">/g)];
      resolve({
        html,
        preloads: preloads.map(([, as, file]) => `${as} ${file}`),
        read: (file) => readFileSync(join(out, file), 'utf8'),
      });
    }),
  );
}

describe('StartChunkPreloadPlugin', { timeout: 120_000 }, () => {
  it('preloads the async boundary and the provided copy of what it consumes, nothing later', async () => {
    const { preloads, read } = await build('federated', './index.js', true);
    expect(preloads).toContain('script bootstrap.js');
    expect(preloads).not.toContain('script main.js');
    expect(preloads).not.toContain('script later.js');
    const others = preloads.filter((tag) => tag !== 'script bootstrap.js');
    // The one other file is react's: the copy the share scope hands out at start-up.
    expect(others).toHaveLength(1);
    expect(read(others[0].slice('script '.length))).toContain('react.transitional.element');
  });

  it('lists, for a server to preload, the files of a named chunk imported later', async () => {
    const { read } = await build('listed', './index.js', true);
    expect(JSON.parse(read('chunk-preloads.json'))).toEqual({
      phases: 'federated',
      chunks: { later: [{ file: 'later.js', as: 'script' }] },
    });
  });

  it('adds nothing to a one-bundle build of the same code, and says it loads no phase remotely', async () => {
    const { preloads, read } = await build('bundle', './bootstrap.js', false);
    expect(preloads).toEqual([]);
    expect(JSON.parse(read('chunk-preloads.json')).phases).toBe('bundled');
  });

  it('fetches the entry script at the priority of the preloads', async () => {
    const { html } = await build('priority', './index.js', true);
    expect(html).toMatch(/<script [^>]*fetchpriority="high"[^>]*src="\/main\.js"/);
  });
});
