/**
 * Source maps of a phase are public only when the phase says so: a production build of the
 * intro-course sample emits no `.map` file and no `sourceMappingURL` by default; with
 * `sourceMaps: 'public'` it ships them and `phase.json` says `"sourceMaps": "public"`.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rspack } from '@rspack/core';
import { afterAll, describe, expect, it } from 'vitest';
import { PhaseDescriptor } from '../../contract/index.js';
import { definePhaseConfig, type PhaseBuildOptions } from '../index.js';

const introCourse = fileURLToPath(new URL('../../../../phases/intro-course', import.meta.url));
const outputs: string[] = [];
afterAll(() => {
  for (const dir of outputs) rmSync(dir, { recursive: true, force: true });
});

/** Build intro-course in production mode into a folder of its own; the names of its files. */
async function build(options: Partial<PhaseBuildOptions>) {
  const dir = mkdtempSync(join(tmpdir(), 'ck-source-maps-'));
  outputs.push(dir);
  const config = definePhaseConfig({ projectDir: introCourse, mode: 'production', ...options });
  config.output = { ...config.output, path: dir };
  const stats = await new Promise<import('@rspack/core').Stats | undefined>((resolve, reject) =>
    rspack(config).run((error, result) => (error ? reject(error) : resolve(result))),
  );
  expect(stats?.hasErrors(), stats?.toString()).toBe(false);
  const files = readdirSync(dir, { recursive: true }).map(String);
  const descriptor = PhaseDescriptor.parse(
    JSON.parse(readFileSync(join(dir, 'phase.json'), 'utf8')),
  );
  const scripts = files
    .filter((file) => file.endsWith('.js'))
    .map((file) => readFileSync(join(dir, file), 'utf8'));
  return { files, descriptor, scripts };
}

describe('source maps of a production phase build', { timeout: 120_000 }, () => {
  it('regression: none are published unless the phase opts in', async () => {
    const { files, descriptor, scripts } = await build({});
    expect(files.filter((file) => /\.map(?:\.br|\.gz)?$/.test(file))).toEqual([]);
    expect(scripts.join('\n')).not.toContain('sourceMappingURL');
    expect(descriptor.sourceMaps).toBeUndefined();
    expect(Object.keys(descriptor.integrity).filter((file) => file.endsWith('.map'))).toEqual([]);
  });

  it("ships them, listed in phase.json, with sourceMaps: 'public'", async () => {
    const { files, descriptor, scripts } = await build({ sourceMaps: 'public' });
    const maps = files.filter((file) => file.endsWith('.map'));
    expect(maps).toContain('remoteEntry.js.map');
    expect(descriptor.sourceMaps).toBe('public');
    for (const map of maps) expect(descriptor.integrity[map]).toMatch(/^sha384-/);
    expect(scripts.some((script) => script.includes('sourceMappingURL'))).toBe(true);
  });

  it('refuses a policy it does not know, naming it', () => {
    expect(() =>
      definePhaseConfig({ projectDir: introCourse, sourceMaps: 'private' as 'none' }),
    ).toThrow(/sourceMaps must be "public" or "none", got "private"/);
  });
});
