/**
 * The host shares react-router as the part phases may use (and what the host uses itself), not
 * whole. A phase build that imports more of it fails and names the exports, since in the browser
 * it would be handed the host's copy without them.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ModuleFederationPlugin } from '@module-federation/enhanced/rspack';
import { type RspackPluginInstance, rspack, type Stats } from '@rspack/core';
import { afterAll, describe, expect, it } from 'vitest';
import {
  definePhaseConfig,
  exportsBeyondSubsets,
  keepSharedFallbacks,
  PHASE_ROUTER_API,
  SHARED_FALLBACK_DIR,
  SHARED_SINGLETONS,
  sharedSingletons,
} from '../index.js';
import { buildHost, introCourse, nodeModules } from './hostBuild.js';

const dir = mkdtempSync(join(tmpdir(), 'ck-shared-subsets-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A production build of intro-course whose `./Phase` also uses `imports` from react-router. */
async function buildPhaseUsing(name: string, imports: string[]): Promise<Stats | undefined> {
  const entry = join(dir, `${name}.ts`);
  writeFileSync(
    entry,
    `import { definePhase } from '@coursekit/phase-sdk';
     import { ${imports.join(', ')} } from 'react-router';
     export const used = [${imports.join(', ')}];
     export default definePhase({ component: () => null });\n`,
  );
  const config = definePhaseConfig({ projectDir: introCourse, entry });
  config.output = { ...config.output, path: join(dir, name, 'dist') };
  config.resolve = { ...config.resolve, modules: [nodeModules, 'node_modules'] };
  config.infrastructureLogging = { level: 'error' };
  return new Promise((resolve, reject) =>
    rspack(config).run((error, stats) => (error ? reject(error) : resolve(stats))),
  );
}

describe('shared subsets', { timeout: 180_000 }, () => {
  it('shares react-router tree-shaken to the phase API, every other singleton whole', () => {
    const shared = sharedSingletons(introCourse);
    expect(shared['react-router']?.treeShaking).toEqual({
      mode: 'runtime-infer',
      usedExports: [...PHASE_ROUTER_API],
    });
    for (const request of SHARED_SINGLETONS.filter((name) => name !== 'react-router')) {
      expect(shared[request]?.treeShaking, request).toBeUndefined();
    }
  });

  it('names the exports a phase uses beyond its subset, and only those', () => {
    expect(
      exportsBeyondSubsets([
        { name: 'react-router', usedExports: ['useParams', 'createCookie', 'StaticRouter'] },
        { name: 'react', usedExports: ['useState'] },
      ]),
    ).toEqual({ 'react-router': ['StaticRouter', 'createCookie'] });
    expect(exportsBeyondSubsets([{ name: 'react-router', usedExports: ['Link'] }])).toEqual({});
  });

  it('builds a phase that uses router hooks of the phase API', async () => {
    const stats = await buildPhaseUsing('inside', ['useSearchParams', 'Link']);
    expect(stats?.hasErrors(), stats?.toString('errors-only')).toBe(false);
  });

  it('fails the build of a phase that imports more of react-router, naming what', async () => {
    const stats = await buildPhaseUsing('beyond', ['useSearchParams', 'createCookie']);
    expect(stats?.hasErrors()).toBe(true);
    const errors = stats?.toString('errors-only') ?? '';
    expect(errors).toContain('imports createCookie from react-router');
    expect(errors).not.toMatch(/imports [^\n]*useSearchParams[^\n]* from react-router/);
  });

  it("keeps react-router's full copy in the host's cleaned output folder", async () => {
    /** Files of a host build that shares react-router, into a folder holding an old file. */
    async function buildInto(name: string, extra: RspackPluginInstance[]) {
      const out = join(dir, name);
      mkdirSync(out, { recursive: true });
      writeFileSync(join(out, 'stale.js'), '');
      writeFileSync(
        join(dir, 'bootstrap.js'),
        "import { Link } from 'react-router';\nexport { Link };\n",
      );
      writeFileSync(join(dir, 'host.js'), "import('./bootstrap.js');\n");
      const stats = await buildHost({
        entry: join(dir, 'host.js'),
        output: { path: out, uniqueName: name, clean: true },
        plugins: [
          new ModuleFederationPlugin({
            name,
            remotes: {},
            shared: { 'react-router': sharedSingletons(introCourse)['react-router'] ?? {} },
            dts: false,
          }),
          ...extra,
        ],
      });
      expect(stats?.hasErrors(), stats?.toString('errors-only')).toBe(false);
      const version = sharedSingletons(introCourse)['react-router']?.version ?? '';
      return {
        stale: existsSync(join(out, 'stale.js')),
        fallback: existsSync(
          join(out, SHARED_FALLBACK_DIR, 'react_router', version, 'share-entry.js'),
        ),
      };
    }
    expect(await buildInto('plain_host', [])).toEqual({ stale: false, fallback: false });
    expect(await buildInto('kept_host', [keepSharedFallbacks()])).toEqual({
      stale: false,
      fallback: true,
    });
  });
});
