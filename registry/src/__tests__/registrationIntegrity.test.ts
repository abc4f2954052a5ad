/**
 * Registering a phase version by URL checks the build's bytes, not only its shape: the registry
 * downloads every file `phase.json` lists (the manifest and the remote entry at least) and refuses
 * the version with one 422 naming each file that is missing or differs. Nothing is stored then.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type PhaseBuildServer,
  phaseBuild,
  sha384,
  startPhaseBuildServer,
} from './support/phaseBuildServer.js';
import { createTestApp, type TestApp } from './support/testApp.js';

const ADMIN = 'admin@coursekit.test';

describe('integrity at registration', () => {
  let t: TestApp;
  let builds: PhaseBuildServer;

  beforeAll(async () => {
    [t, builds] = await Promise.all([createTestApp('pglite'), startPhaseBuildServer()]);
    await t.as(ADMIN, {
      method: 'POST',
      url: '/api/phase-types',
      payload: { name: 'quiz', title: 'Quiz', kind: 'client-only' },
    });
  });
  afterAll(async () => {
    await Promise.all([t?.close(), builds?.close()]);
  });

  const register = (path: string) =>
    t.as(ADMIN, {
      method: 'POST',
      url: '/api/phase-types/quiz/versions',
      payload: { descriptorUrl: `${builds.origin}${path}/phase.json` },
    });

  const versions = async () =>
    (await t.as(ADMIN, { method: 'GET', url: '/api/phase-types/quiz/versions' })).json();

  /** A build with one chunk besides its entry files. */
  const withChunk = (version: string): Record<string, unknown> => {
    const chunk = 'export const answer = 42;\n';
    const build = phaseBuild('quiz', version);
    const descriptor = build['phase.json'] as { integrity: Record<string, string> };
    descriptor.integrity['chunks/1.abc.js'] = sha384(chunk);
    return { ...build, 'chunks/1.abc.js': chunk };
  };

  it('regression: a phase.json whose hashes match nothing was accepted', async () => {
    builds.publish('/tampered/1.0.0', {
      ...withChunk('1.0.0'),
      'remoteEntry.js': 'alert("changed after the build")',
    });
    const response = await register('/tampered/1.0.0');
    expect(response.statusCode).toBe(422);
    expect(response.headers['content-type']).toContain('application/problem+json');
    const problem = response.json();
    expect(problem.code).toBe('CK_PHASE_INTEGRITY_MISMATCH');
    expect(problem.detail).toMatch(/remoteEntry\.js: its SHA-384 is sha384-/);
    expect(problem.errors).toEqual([
      { path: 'integrity.remoteEntry.js', message: expect.stringMatching(/phase\.json records/) },
    ]);
    expect(await versions()).toEqual([]);
  });

  it('checks every listed file, chunks included, and lists every problem at once', async () => {
    const build = withChunk('1.0.1');
    builds.publish('/chunks/1.0.1', {
      ...build,
      'mf-manifest.json': `${build['mf-manifest.json']} `,
      'chunks/1.abc.js': 'export const answer = 41;\n',
    });
    const response = await register('/chunks/1.0.1');
    expect(response.statusCode).toBe(422);
    expect(
      response
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(['integrity.chunks/1.abc.js', 'integrity.mf-manifest.json']);
  });

  it('refuses a build whose listed file cannot be downloaded', async () => {
    const build = withChunk('1.0.2');
    const { 'chunks/1.abc.js': _missing, ...rest } = build;
    builds.publish('/missing/1.0.2', rest);
    const response = await register('/missing/1.0.2');
    expect(response.statusCode).toBe(422);
    expect(response.json().errors).toEqual([
      {
        path: 'integrity.chunks/1.abc.js',
        message:
          'could not be fetched (no answer, or an answer other than 200 OK); check the URL and that the build is published there',
      },
    ]);
  });

  it('refuses a phase.json that does not list the remote entry (older builds listed only some files)', async () => {
    const build = phaseBuild('quiz', '1.0.3');
    const descriptor = build['phase.json'] as { integrity: Record<string, string> };
    delete descriptor.integrity['remoteEntry.js'];
    builds.publish('/unlisted/1.0.3', build);
    const response = await register('/unlisted/1.0.3');
    expect(response.statusCode).toBe(422);
    expect(response.json().errors).toEqual([
      { path: 'integrity.remoteEntry.js', message: expect.stringMatching(/not listed/) },
    ]);
  });

  it('refuses file names that point outside the build folder', async () => {
    for (const name of ['../other/remoteEntry.js', '/etc/passwd', 'a/./b.js', 'a\\b.js']) {
      const build = phaseBuild('quiz', '1.0.4');
      const descriptor = build['phase.json'] as { integrity: Record<string, string> };
      descriptor.integrity[name] = sha384('x');
      builds.publish('/outside/1.0.4', build);
      const response = await register('/outside/1.0.4');
      expect(response.statusCode, name).toBe(422);
      expect(response.json().code).toBe('CK_PHASE_DESCRIPTOR_INVALID');
    }
    expect(await versions()).toEqual([]);
  });

  it('accepts a build whose every file matches', async () => {
    builds.publish('/good/1.1.0', withChunk('1.1.0'));
    const response = await register('/good/1.1.0');
    expect(response.statusCode).toBe(201);
    expect(Object.keys(response.json().integrity).sort()).toEqual([
      'chunks/1.abc.js',
      'mf-manifest.json',
      'remoteEntry.js',
    ]);
  });
});
