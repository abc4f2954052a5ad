/**
 * The registry serves the build-time `.br`/`.gz` copies of the host and of phase builds to
 * clients that accept them, with `Content-Encoding`, `Vary: Accept-Encoding` and the cache
 * headers of the file they encode; other clients get the identity bytes.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { precompress } from '@coursekit/phase-sdk/build';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/testApp.js';

const MAIN_CHUNK = 'main.0123456789.js';
const mainChunk = Buffer.from('console.log("the host shell");\n'.repeat(400));
const remoteEntry = Buffer.from(
  'globalThis["intro-course"] = { get() {}, init() {} };\n'.repeat(100),
);
const indexHtml = Buffer.from(
  `<!doctype html><html><head><script defer src="/${MAIN_CHUNK}"></script></head><body>${'<div></div>'.repeat(100)}</body></html>`,
);

/** Writes each file and its precompressed copies, as the build helper does. */
async function writeBuild(dir: string, files: Record<string, Buffer>) {
  mkdirSync(dir, { recursive: true });
  for (const [name, bytes] of Object.entries(files)) {
    writeFileSync(join(dir, name), bytes);
    for (const [suffix, copy] of Object.entries(await precompress(bytes))) {
      if (copy) writeFileSync(join(dir, `${name}${suffix}`), copy);
    }
  }
}

describe('compressed bundles', () => {
  let t: TestApp;
  const root = mkdtempSync(join(tmpdir(), 'ck-compressed-'));

  beforeAll(async () => {
    await writeBuild(join(root, 'host'), { 'index.html': indexHtml, [MAIN_CHUNK]: mainChunk });
    await writeBuild(join(root, 'remotes', 'intro-course', '1.0.0'), {
      'remoteEntry.js': remoteEntry,
    });
    t = await createTestApp('pglite', {
      COURSEKIT_HOST_DIST: join(root, 'host'),
      COURSEKIT_REMOTES_DIR: join(root, 'remotes'),
    });
  });
  afterAll(async () => t?.close());

  const get = (url: string, acceptEncoding?: string) =>
    t.app.inject({
      method: 'GET',
      url,
      headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {},
    });

  it('serves the host main chunk brotli-encoded, immutable, varying on Accept-Encoding', async () => {
    const response = await get(`/${MAIN_CHUNK}`, 'br');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-encoding']).toBe('br');
    expect(response.headers['content-type']).toMatch(/javascript/);
    expect(response.headers.vary).toMatch(/accept-encoding/i);
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(response.rawPayload.length).toBeLessThan(mainChunk.length);
    expect(brotliDecompressSync(response.rawPayload).equals(mainChunk)).toBe(true);
  });

  it("serves a remote's entry brotli-encoded, no-cache and open to any origin", async () => {
    const response = await get('/remotes/intro-course/1.0.0/remoteEntry.js', 'gzip, deflate, br');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-encoding']).toBe('br');
    expect(response.headers.vary).toMatch(/accept-encoding/i);
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(response.headers['access-control-allow-origin']).toBe('*');
    expect(brotliDecompressSync(response.rawPayload).equals(remoteEntry)).toBe(true);
  });

  it('serves gzip to a client that accepts only gzip', async () => {
    const response = await get('/remotes/intro-course/1.0.0/remoteEntry.js', 'gzip');
    expect(response.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(response.rawPayload).equals(remoteEntry)).toBe(true);
  });

  it('serves the identity bytes without Accept-Encoding', async () => {
    for (const [url, original] of [
      [`/${MAIN_CHUNK}`, mainChunk],
      ['/remotes/intro-course/1.0.0/remoteEntry.js', remoteEntry],
    ] as const) {
      const response = await get(url);
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-encoding']).toBeUndefined();
      expect(response.headers.vary).toMatch(/accept-encoding/i);
      expect(response.rawPayload.equals(original)).toBe(true);
    }
  });

  it('serves the SPA shell for a deep route compressed and no-cache', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: '/courses/some-course/phase',
      headers: { accept: 'text/html', 'accept-encoding': 'br' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-encoding']).toBe('br');
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(brotliDecompressSync(response.rawPayload).equals(indexHtml)).toBe(true);
  });
});
