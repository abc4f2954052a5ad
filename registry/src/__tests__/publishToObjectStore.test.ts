/**
 * Remotes on another origin: with `BUNDLE_STORE=s3` the registry stores published builds in an
 * S3-compatible bucket (s3rver, over real HTTP) and the resolve answer points browsers there. The
 * files are served from the bucket's origin with CORS and are the bytes the integrity names; a
 * version stays immutable, and of builds racing for one version exactly one is registered and
 * the others leave nothing in the bucket.
 */
import { brotliCompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compose } from './support/adminFixtures.js';
import { type ObjectStore, startObjectStore } from './support/objectStore.js';
import { phaseBuild, sha384, uploadBody } from './support/phaseBuildServer.js';
import { createTestApp, freePort, type TestApp } from './support/testApp.js';

const ADMIN = 'admin@coursekit.test';
const STUDENT = 'student1@coursekit.test';

describe('publishing to an S3-compatible store', () => {
  let s3: ObjectStore;
  let t: TestApp;

  beforeAll(async () => {
    s3 = await startObjectStore();
    t = await createTestApp('pglite', s3.env);
  });
  afterAll(async () => {
    await t?.close();
    await s3?.close();
  });

  const publish = (build: Record<string, unknown>) =>
    t.as(ADMIN, { method: 'POST', url: '/api/phase-bundles', payload: uploadBody(build) });

  it('serves a published build from the bucket origin, with CORS, and resolves to it', async () => {
    const build = phaseBuild('quiz', '1.0.0');
    const published = await publish(build);
    expect(published.statusCode, published.body).toBe(201);
    const bucketUrl = `${s3.origin}/${s3.bucket}/remotes/quiz/1.0.0/`;
    expect(published.json().descriptorUrl).toMatch(
      new RegExp(`^${bucketUrl.replaceAll('.', '\\.')}[0-9a-f]{32}/phase\\.json$`),
    );

    const added = await compose(t, ADMIN, t.courseId, {
      method: 'POST',
      payload: { phase: 'quiz', title: 'Quiz', pin: '1.0.0' },
    });
    expect(added.statusCode, added.body).toBe(201);
    const resolved = await t.as(STUDENT, {
      method: 'GET',
      url: `/api/courses/${t.courseId}/phases`,
    });
    const remote = resolved.json().phases.find((p: { phase: string }) => p.phase === 'quiz').remote;
    expect(new URL(remote.baseUrl).origin).toBe(s3.origin);
    expect(remote.entry).toBe(`${remote.baseUrl}mf-manifest.json`);

    for (const [file, integrity] of Object.entries(remote.integrity as Record<string, string>)) {
      const served = await fetch(new URL(file, remote.baseUrl), {
        headers: { origin: 'https://courses.example.edu' },
      });
      expect(served.status, file).toBe(200);
      expect(served.headers.get('access-control-allow-origin')).toBe('*');
      expect(served.headers.get('cache-control')).toContain('immutable');
      expect(sha384(Buffer.from(await served.arrayBuffer())), file).toBe(integrity);
    }
    const manifest = await fetch(remote.entry);
    expect(manifest.headers.get('content-type')).toContain('application/json');
  });

  it('is idempotent for the same bytes and refuses other bytes with 409, storing nothing', async () => {
    const before = await s3.keys('remotes/quiz/');
    expect((await publish(phaseBuild('quiz', '1.0.0'))).statusCode).toBe(200);
    const other = await publish(phaseBuild('quiz', '1.0.0', { descriptor: { title: 'Other' } }));
    expect(other.statusCode).toBe(409);
    expect(other.json().detail).toMatch(/bump the version/);
    expect(await s3.keys('remotes/quiz/')).toEqual(before);
  });

  it('checks uploaded .br copies but does not store them: the object store or CDN compresses', async () => {
    const build = phaseBuild('squeezed', '1.0.0');
    const copy = brotliCompressSync(Buffer.from(build['remoteEntry.js'] as string));
    const bad = await publish({
      ...build,
      'remoteEntry.js.br': brotliCompressSync(Buffer.from('x')),
    });
    expect(bad.statusCode).toBe(422);
    const good = await publish({ ...build, 'remoteEntry.js.br': copy });
    expect(good.statusCode, good.body).toBe(201);
    const keys = await s3.keys('remotes/squeezed/');
    expect(keys.map((key) => key.split('/').pop()).sort()).toEqual([
      'mf-manifest.json',
      'phase.json',
      'remoteEntry.js',
    ]);
  });

  it('registers exactly one of builds racing for a version and leaves only its objects', async () => {
    const a = phaseBuild('race', '1.0.0');
    const b = phaseBuild('race', '1.0.0', { descriptor: { title: 'Other' } });
    const answers = await Promise.all([publish(a), publish(b), publish(a), publish(b)]);
    const codes = answers.map((answer) => answer.statusCode);
    expect(codes.filter((code) => code === 201)).toHaveLength(1);
    for (const code of codes) expect([200, 201, 409]).toContain(code);
    const winner = answers.find((answer) => answer.statusCode === 201)?.json();
    const keys = await s3.keys('remotes/race/');
    const prefix = new URL('.', winner.descriptorUrl).pathname.replace(`/${s3.bucket}/`, '');
    expect(
      keys.every((key) => key.startsWith(prefix)),
      keys.join('\n'),
    ).toBe(true);
    expect(keys).toHaveLength(3);
  });
});

describe('publishing while the store is down', () => {
  let s3: ObjectStore;
  let t: TestApp;

  beforeAll(async () => {
    s3 = await startObjectStore();
    // The bucket's address answers nothing: every write to the store fails.
    t = await createTestApp('pglite', {
      ...s3.env,
      S3_ENDPOINT: `http://127.0.0.1:${await freePort()}`,
    });
  });
  afterAll(async () => {
    await t?.close();
    await s3?.close();
  });

  it('regression: a first publish that fails leaves no phase type behind', async () => {
    const published = await t.as(ADMIN, {
      method: 'POST',
      url: '/api/phase-bundles',
      payload: uploadBody(phaseBuild('ghost', '1.0.0')),
    });
    expect(published.statusCode).toBeGreaterThanOrEqual(500);
    const types = await t.as(ADMIN, { method: 'GET', url: '/api/phase-types/ghost/versions' });
    expect(types.json().code).toBe('CK_NOT_FOUND');
  });
});
