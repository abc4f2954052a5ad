/**
 * `coursekit-phase publish`, run as a real process against a registry on a real port: it uploads a
 * real build (the intro-course sample, under a new version), the registry serves the version's
 * manifest byte for byte, a second run reports the same build, and a refusal shows the problem.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha384 } from './support/phaseBuildServer.js';
import { createTestApp, type TestApp } from './support/testApp.js';

const BIN = fileURLToPath(new URL('../../../phase-sdk/bin/coursekit-phase.js', import.meta.url));
const SAMPLE = fileURLToPath(new URL('../../../phases/intro-course/dist', import.meta.url));

const run = (args: string[], env: Record<string, string> = {}) =>
  promisify(execFile)(process.execPath, [BIN, ...args], {
    env: { ...process.env, COURSEKIT_TOKEN: '', ...env },
  }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );

describe('coursekit-phase publish', () => {
  let t: TestApp;
  let dist: string;
  let descriptor: { name: string; integrity: Record<string, string>; manifest: string };

  beforeAll(async () => {
    t = await createTestApp('pglite', {}, { listen: true });
    dist = join(mkdtempSync(join(tmpdir(), 'ck-publish-cli-')), 'dist');
    cpSync(SAMPLE, dist, { recursive: true });
    descriptor = JSON.parse(readFileSync(join(dist, 'phase.json'), 'utf8'));
    // A phase that ships an image: the upload is over 1 MiB whatever the size of the sample's
    // code, so the CLI shows its progress.
    const poster = randomBytes(1_200_000);
    writeFileSync(join(dist, 'poster.bin'), poster);
    descriptor.integrity = { ...descriptor.integrity, 'poster.bin': sha384(poster) };
    writeFileSync(join(dist, 'phase.json'), JSON.stringify({ ...descriptor, version: '7.7.7' }));
  });
  afterAll(async () => {
    await t?.close();
  });

  it('publishes a real build and the registry serves its manifest', async () => {
    const result = await run(['publish', '--registry', t.origin, '--dir', dist]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const url = `${t.origin}/remotes/${descriptor.name}/7.7.7/phase.json`;
    expect(result.stdout).toContain(`Published ${descriptor.name} 7.7.7: ${url}`);
    const manifest = await fetch(
      `${t.origin}/remotes/${descriptor.name}/7.7.7/${descriptor.manifest}`,
      {
        headers: { 'accept-encoding': 'identity' },
      },
    );
    expect(manifest.status).toBe(200);
    expect(sha384(Buffer.from(await manifest.arrayBuffer()))).toBe(
      descriptor.integrity[descriptor.manifest],
    );

    // The build's brotli copies went along: the published entry is served compressed.
    expect(result.stdout).toMatch(/and \d+ compressed copies/);
    // Progress while the upload (over 1 MiB, with the poster) is sent, then the check on the registry's side.
    expect(result.stdout).toMatch(/ {2}50% \(\d+ of \d+ KiB\)\n {2}75% .*\n {2}100% /);
    expect(result.stdout).toContain('the registry is checking every file');
    const entry = await t.app.inject({
      method: 'GET',
      url: `/remotes/${descriptor.name}/7.7.7/remoteEntry.js`,
      headers: { 'accept-encoding': 'br' },
    });
    expect(entry.statusCode).toBe(200);
    expect(entry.headers['content-encoding']).toBe('br');

    const again = await run(['publish', '--registry', t.origin, '--dir', dist]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('already published with these exact files');
  });

  it('shows the registry problem detail when it refuses the build', async () => {
    const first = Object.keys(descriptor.integrity)[0] as string;
    writeFileSync(join(dist, first), 'tampered');
    writeFileSync(join(dist, 'phase.json'), JSON.stringify({ ...descriptor, version: '7.7.8' }));
    const result = await run(['publish', '--registry', t.origin, '--dir', dist]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('The registry refused the build');
    expect(result.stderr).toContain('CK_PHASE_INTEGRITY_MISMATCH');
    expect(result.stderr).toContain(`${first}: its SHA-384 is`);
  });

  it('publishes with an API token (--token or COURSEKIT_TOKEN) and prints a summary', async () => {
    const token = async (phase: string) =>
      (
        await t.as('admin@coursekit.test', {
          method: 'POST',
          url: '/api/admin/api-tokens',
          payload: { email: 'admin@coursekit.test', name: 'cli', phase },
        })
      ).json().token as string;
    const versioned = (version: string) =>
      writeFileSync(join(dist, 'phase.json'), JSON.stringify({ ...descriptor, version }));
    cpSync(SAMPLE, dist, { recursive: true });

    versioned('7.8.0');
    const own = await token(descriptor.name);
    const flag = await run(['publish', '--registry', t.origin, '--dir', dist, '--token', own]);
    expect(flag.stderr).toBe('');
    expect(flag.stdout).toContain('Authenticating');
    expect(flag.stdout).toMatch(/phase {6}\S+ 7\.8\.0 \(active\)/);
    expect(flag.stdout).toMatch(/files {6}\d+, [\d.]+ KiB/);

    versioned('7.8.1');
    const env = await run(['publish', '--registry', t.origin, '--dir', dist], {
      COURSEKIT_TOKEN: own,
    });
    expect(env.code, env.stderr).toBe(0);
    expect(env.stdout).toContain(`Published ${descriptor.name} 7.8.1`);

    versioned('7.8.2');
    const other = await token('another-phase');
    const refused = await run(['publish', '--registry', t.origin, '--dir', dist, '--token', other]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('CK_NOT_PUBLISHER');
    expect(refused.stderr).toContain(`may publish "another-phase" only, not "${descriptor.name}"`);
  });

  it('refuses a listed file that is a symbolic link, before uploading', async () => {
    cpSync(SAMPLE, dist, { recursive: true });
    writeFileSync(join(dist, 'phase.json'), JSON.stringify({ ...descriptor, version: '7.9.0' }));
    const file = Object.keys(descriptor.integrity)[0] as string;
    unlinkSync(join(dist, file));
    symlinkSync('/etc/hostname', join(dist, file));
    const result = await run(['publish', '--registry', t.origin, '--dir', dist]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${file} in ${dist} is a symbolic link`);
    expect(result.stdout).not.toContain('Uploading');
    unlinkSync(join(dist, file));
    cpSync(SAMPLE, dist, { recursive: true });
  });

  it('says to build first when there is no phase.json', async () => {
    const result = await run(['publish', '--registry', t.origin, '--dir', join(dist, 'nope')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/No phase\.json in .*build the phase first/);
  });
});
