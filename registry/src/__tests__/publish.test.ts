/**
 * Publishing a built client-only phase by upload, on PGlite and PostgreSQL: the registry checks
 * every file against phase.json before it stores anything, serves the version under its immutable
 * `/remotes/<phase>/<version>/` URL and registers it. Same bytes again are idempotent; other bytes
 * for a published version are a 409; two concurrent publishes of one version leave one build.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gzipSync } from 'node:zlib';
import { MAX_PUBLISH_BYTES } from '@coursekit/phase-sdk/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { phaseBuild, sha384, uploadBody as upload } from './support/phaseBuildServer.js';
import { createTestApp, type TestApp } from './support/testApp.js';
import { ENGINES } from './support/testDb.js';

const ADMIN = 'admin@coursekit.test';
const LECTURER = 'lecturer@coursekit.test';

describe.each(ENGINES)('publishing a phase on %s', (engine) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(async () => {
    await t?.close();
  });

  const publish = (build: Record<string, unknown>, email: string | null = ADMIN) =>
    t.as(email, { method: 'POST', url: '/api/phase-bundles', payload: upload(build) });
  const versions = async (name: string) =>
    (await t.as(ADMIN, { method: 'GET', url: `/api/phase-types/${name}/versions` })).json();
  const stored = (name: string) =>
    existsSync(join(t.config.remotesDir, name)) ? readdirSync(join(t.config.remotesDir, name)) : [];

  it('stores, serves and registers a verified build; the same bytes again are idempotent', async () => {
    const build = phaseBuild('quiz', '1.0.0');
    const first = await publish(build);
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({
      version: '1.0.0',
      descriptorUrl: `${t.origin}/remotes/quiz/1.0.0/phase.json`,
      manifestUrl: `${t.origin}/remotes/quiz/1.0.0/mf-manifest.json`,
    });
    const served = await t.app.inject({
      method: 'GET',
      url: '/remotes/quiz/1.0.0/mf-manifest.json',
    });
    expect(served.statusCode).toBe(200);
    expect(sha384(served.body)).toBe(
      (build['phase.json'] as { integrity: Record<string, string> }).integrity['mf-manifest.json'],
    );
    expect(served.headers['access-control-allow-origin']).toBe('*');

    const again = await publish(build);
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(first.json().id);
    expect(await versions('quiz')).toHaveLength(1);
  });

  it('refuses other bytes under a published version with 409 and keeps the first build', async () => {
    const other = phaseBuild('quiz', '1.0.0', { descriptor: { title: 'Changed' } });
    const response = await publish(other);
    expect(response.statusCode).toBe(409);
    expect(response.json().detail).toMatch(/bump the version/);
    const served = await t.app.inject({ method: 'GET', url: '/remotes/quiz/1.0.0/phase.json' });
    expect(served.json().title).toBe('Phase quiz');
  });

  it('refuses a tampered file with 422 naming it, and stores nothing', async () => {
    const build = { ...phaseBuild('quiz', '1.1.0'), 'remoteEntry.js': 'alert("tampered")' };
    const response = await publish(build);
    expect(response.statusCode).toBe(422);
    expect(response.json().code).toBe('CK_PHASE_INTEGRITY_MISMATCH');
    expect(response.json().detail).toMatch(/remoteEntry\.js: its SHA-384 is/);
    expect(stored('quiz')).toEqual(['1.0.0']);
  });

  it('refuses missing and unlisted files with 422, listing each', async () => {
    const { 'remoteEntry.js': _missing, ...build } = phaseBuild('quiz', '1.2.0');
    const response = await publish({ ...build, 'extra.js': 'export {}' });
    expect(response.statusCode).toBe(422);
    expect(response.json().errors).toEqual(
      expect.arrayContaining([
        { path: 'integrity.remoteEntry.js', message: expect.stringMatching(/missing/) },
        { path: 'integrity.extra.js', message: expect.stringMatching(/not listed/) },
      ]),
    );
    expect(stored('quiz')).toEqual(['1.0.0']);
  });

  it('refuses paths outside the build folder with 400', async () => {
    for (const path of ['../evil.js', '/etc/passwd', 'a/../../b.js', 'a\\b.js', './x.js']) {
      const response = await publish({ ...phaseBuild('quiz', '1.3.0'), [path]: 'x' });
      expect(response.statusCode, path).toBe(400);
      expect(response.json().code).toBe('CK_VALIDATION');
    }
    expect(stored('quiz')).toEqual(['1.0.0']);
  });

  it('serves the uploaded .br/.gz copies of listed files to browsers that accept them', async () => {
    const build = phaseBuild('squeezed', '1.0.0');
    const entry = Buffer.from(build['remoteEntry.js'] as string);
    const response = await publish({
      ...build,
      'remoteEntry.js.br': brotliCompressSync(entry),
      'remoteEntry.js.gz': gzipSync(entry),
    });
    expect(response.statusCode, response.body).toBe(201);
    const served = await t.app.inject({
      method: 'GET',
      url: '/remotes/squeezed/1.0.0/remoteEntry.js',
      headers: { 'accept-encoding': 'br' },
    });
    expect(served.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(served.rawPayload).equals(entry)).toBe(true);
  });

  it('refuses copies that are not the compressed bytes of their listed file, naming each', async () => {
    const build = phaseBuild('squeezed', '1.1.0');
    const entry = Buffer.from(build['remoteEntry.js'] as string);
    const bomb = brotliCompressSync(Buffer.concat([entry, Buffer.alloc(1_000_000)]));
    const response = await publish({
      ...build,
      'remoteEntry.js.br': brotliCompressSync(Buffer.from('alert("other code")')),
      'remoteEntry.js.gz': Buffer.from('not gzip at all'),
      'mf-manifest.json.br': bomb,
      'unlisted.js.br': brotliCompressSync(Buffer.from('x')),
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().code).toBe('CK_PHASE_INTEGRITY_MISMATCH');
    expect(response.json().errors).toEqual(
      expect.arrayContaining([
        {
          path: 'integrity.remoteEntry.js.br',
          message: 'does not decode to the bytes of remoteEntry.js',
        },
        { path: 'integrity.remoteEntry.js.gz', message: expect.stringMatching(/not a gzip copy/) },
        {
          path: 'integrity.mf-manifest.json.br',
          message: expect.stringMatching(/decodes to more bytes/),
        },
        { path: 'integrity.unlisted.js.br', message: expect.stringMatching(/not listed/) },
      ]),
    );
    expect(stored('squeezed')).toEqual(['1.0.0']);
  });

  it('refuses a path that is both a file and a folder with 400, naming it', async () => {
    const response = await publish({ ...phaseBuild('quiz', '1.3.1'), 'remoteEntry.js/x.js': 'x' });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([
      { path: 'body.files.remoteEntry.js/x.js', message: 'inside a path uploaded as a file' },
    ]);
    expect(stored('quiz')).toEqual(['1.0.0']);
  });

  it('refuses a body over the limit with 413', async () => {
    const huge = 'a'.repeat(MAX_PUBLISH_BYTES);
    const response = await t.as(ADMIN, {
      method: 'POST',
      url: '/api/phase-bundles',
      payload: { files: { 'phase.json': huge } },
    });
    expect(response.statusCode).toBe(413);
    expect(response.json().code).toBe('CK_PAYLOAD_TOO_LARGE');
  });

  it('lets admins only publish', async () => {
    expect((await publish(phaseBuild('quiz', '1.4.0'), LECTURER)).statusCode).toBe(403);
    expect((await publish(phaseBuild('quiz', '1.4.0'), null)).statusCode).toBe(401);
    expect(stored('quiz')).toEqual(['1.0.0']);
  });

  it('regression: a huge bad upload gets a small answer, saying how many errors it left out', async () => {
    // Each refused file was listed twice (detail and errors): 20 000 of them made a 2 MB answer.
    const extra = Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`f${i}`, '']));
    const unlisted = await t.as(ADMIN, {
      method: 'POST',
      url: '/api/phase-bundles',
      payload: { files: { ...upload(phaseBuild('quiz', '1.9.0')).files, ...extra } },
    });
    const outside = Object.fromEntries(Array.from({ length: 5_000 }, (_, i) => [`../f${i}`, '']));
    const invalid = await t.as(ADMIN, {
      method: 'POST',
      url: '/api/phase-bundles',
      payload: { files: outside },
    });
    for (const [response, code, left] of [
      [unlisted, 'CK_PHASE_INTEGRITY_MISMATCH', 20_000 - 99],
      [invalid, 'CK_VALIDATION', 5_000 - 99],
    ] as const) {
      expect(response.json().code).toBe(code);
      expect(response.body.length).toBeLessThan(20_000);
      expect(response.json().errors.at(-1)).toEqual({
        path: '(more)',
        message: `and ${left} more errors like these`,
      });
    }
    expect(stored('quiz')).not.toContain('1.9.0');
  });

  it('regression: refuses callers who may publish nothing before it reads their upload', async () => {
    // A body that fails as soon as it is parsed: read first, it would be a 400 to anyone.
    const send = (email: string | null) =>
      t.as(email, {
        method: 'POST',
        url: '/api/phase-bundles',
        headers: { 'content-type': 'application/json' },
        payload: '{"files": {',
      });
    const [anonymous, lecturer, admin] = [
      await send(null),
      await send(LECTURER),
      await send(ADMIN),
    ];
    expect([anonymous.statusCode, anonymous.json().code]).toEqual([401, 'CK_UNAUTHENTICATED']);
    expect([lecturer.statusCode, lecturer.json().code]).toEqual([403, 'CK_FORBIDDEN']);
    // An admin's upload is read, and refused for what it is.
    expect(admin.json().code).toBe('CK_MALFORMED_JSON');
  });

  it('regression: refuses source maps that phase.json does not make public, and stores nothing', async () => {
    const map = '{"version":3,"sources":["src/Quiz.tsx"],"mappings":""}';
    const closed = phaseBuild('quiz', '1.6.0', { files: { 'remoteEntry.js.map': map } });
    const response = await publish(closed);
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({ code: 'CK_PHASE_DESCRIPTOR_INVALID' });
    expect(response.json().detail).toMatch(/remoteEntry\.js\.map.*sourceMaps: 'public'/);
    expect(stored('quiz')).toEqual(['1.0.0']);

    const open = phaseBuild('quiz', '1.6.0', {
      files: { 'remoteEntry.js.map': map },
      descriptor: { sourceMaps: 'public' },
    });
    expect((await publish(open)).statusCode).toBe(201);
    const served = await t.app.inject({ url: '/remotes/quiz/1.6.0/remoteEntry.js.map' });
    expect(served.statusCode).toBe(200);
    expect(served.body).toBe(map);
  });

  it('refuses a descriptor without ./Phase with 422', async () => {
    const response = await publish(phaseBuild('quiz', '1.5.0', { descriptor: { exposes: [] } }));
    expect(response.statusCode).toBe(422);
    expect(response.json().code).toBe('CK_PHASE_DESCRIPTOR_INVALID');
  });

  it('leaves one build when two publish one version at once: the other is idempotent or 409', async () => {
    const a = phaseBuild('race', '1.0.0');
    const b = phaseBuild('race', '1.0.0', { descriptor: { title: 'Other' } });
    const [first, second, same] = await Promise.all([publish(a), publish(b), publish(a)]);
    const codes = [first.statusCode, second.statusCode, same.statusCode];
    expect(codes.filter((code) => code === 201)).toHaveLength(1);
    for (const code of codes) expect([200, 201, 409]).toContain(code);
    const list = await versions('race');
    expect(list).toHaveLength(1);
    const served = await t.app.inject({ method: 'GET', url: '/remotes/race/1.0.0/phase.json' });
    const winner = served.json().title === 'Other' ? b : a;
    expect(served.json()).toEqual(winner['phase.json']);
    expect(list[0].integrity).toEqual((winner['phase.json'] as { integrity: unknown }).integrity);
    expect(readdirSync(join(t.config.remotesDir, '.staging'))).toEqual([]);
  });
});
