/**
 * federationRuntimeEsm in a real rspack build of a remote: the federation runtime comes from its
 * ES module build, none of its CommonJS files is left, and the remote entry gets smaller.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { esmTwin, federationRuntimeEsm } from '@coursekit/phase-sdk/build';
import { ModuleFederationPlugin } from '@module-federation/enhanced/rspack';
import { type RspackPluginInstance, rspack } from '@rspack/core';
import { afterAll, describe, expect, it } from 'vitest';

// The SDK's own folder: the federation runtime resolves from its node_modules.
const sdkDir = fileURLToPath(new URL('../../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'ck-mf-esm-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
writeFileSync(join(dir, 'Phase.js'), 'export default function Phase() { return "phase"; }\n');

interface Built {
  remoteEntry: string;
  modules: string[];
}

function build(name: string, extra: RspackPluginInstance[]): Promise<Built> {
  const compiler = rspack({
    mode: 'production',
    context: sdkDir,
    entry: {},
    output: { path: join(dir, name), publicPath: 'auto', uniqueName: name },
    devtool: false,
    plugins: [
      new ModuleFederationPlugin({
        name,
        filename: 'remoteEntry.js',
        library: { type: 'global', name },
        exposes: { './Phase': join(dir, 'Phase.js') },
        dts: false,
        manifest: false,
        experiments: { externalRuntime: true, optimization: { target: 'web' } },
      }),
      ...extra,
    ],
  });
  return new Promise((resolve, reject) =>
    compiler.run((error, stats) => {
      compiler.close(() => {});
      if (error || !stats || stats.hasErrors()) {
        reject(error ?? new Error(stats?.toString('errors-only')));
        return;
      }
      const json = stats.toJson({ all: false, modules: true, nestedModules: true });
      const modules: string[] = [];
      const walk = (list: typeof json.modules) => {
        for (const module of list ?? []) {
          modules.push(module.nameForCondition ?? module.name ?? '');
          walk(module.modules);
        }
      };
      walk(json.modules);
      resolve({ remoteEntry: readFileSync(join(dir, name, 'remoteEntry.js'), 'utf8'), modules });
    }),
  );
}

const federationCjs = (modules: string[]) =>
  modules.filter((module) => /@module-federation[\\/].*\.cjs$/.test(module));

describe('federationRuntimeEsm', { timeout: 120_000 }, () => {
  it('builds the remote entry from the runtime ES modules, smaller than from CommonJS', async () => {
    const before = await build('cjs_remote', []);
    const after = await build('esm_remote', [federationRuntimeEsm()]);
    // Without it, the runtime's CommonJS files (the Node.js loader among them) are all there.
    expect(federationCjs(before.modules).length).toBeGreaterThan(0);
    expect(before.modules.some((module) => /sdk[\\/]dist[\\/]node\.cjs$/.test(module))).toBe(true);
    expect(federationCjs(after.modules)).toEqual([]);
    expect(after.remoteEntry.length).toBeLessThan(before.remoteEntry.length * 0.75);
    // Still a container of its own name that exposes the phase.
    expect(after.remoteEntry).toContain('esm_remote');
    expect(after.remoteEntry).toContain('./Phase');
  });

  it('names the ES module twin of a federation runtime file only', () => {
    // What rspack's federation plugin finds with `require.resolve`.
    const runtime = createRequire(import.meta.url).resolve('@module-federation/runtime');
    expect(runtime).toMatch(/\.cjs$/);
    expect(esmTwin(runtime)).toBe(runtime.replace(/\.cjs$/, '.js'));
    expect(esmTwin('/app/node_modules/left-pad/dist/index.cjs')).toBeUndefined();
    expect(esmTwin('/app/node_modules/@module-federation/sdk/dist/missing.cjs')).toBeUndefined();
  });
});
