/**
 * What the registry's static hosting refuses, each with a problem+json 404 and a catalogue code:
 * folders under /remotes (no listing, no 403 dressed as a validation error), source maps of a
 * phase version whose phase.json does not make them public, and the host's own source maps.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/testApp.js';

const HOST_CHUNK = 'main.0123456789.js';
const MAP = '{"version":3,"sources":["src/secret.ts"],"mappings":""}';

function writeFiles(dir: string, files: Record<string, string>) {
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
}

/** A published build's folder: its phase.json, entry, map and the map's brotli copy. */
function writeBuild(root: string, name: string, sourceMaps?: 'public') {
  const descriptor = {
    name,
    version: '1.0.0',
    title: name,
    kind: 'client-only',
    sdk: '^0.1.0',
    integrity: { 'remoteEntry.js': `sha384-${'A'.repeat(64)}` },
    exposes: ['./Phase'],
    ...(sourceMaps ? { sourceMaps } : {}),
  };
  writeFiles(join(root, name, '1.0.0'), {
    'phase.json': JSON.stringify(descriptor),
    'remoteEntry.js': 'globalThis.x = 1;\n//# sourceMappingURL=remoteEntry.js.map',
    'remoteEntry.js.map': MAP,
    'remoteEntry.js.map.br': MAP,
  });
}

describe('static files the registry refuses', () => {
  let t: TestApp;
  const root = mkdtempSync(join(tmpdir(), 'ck-static-'));

  beforeAll(async () => {
    writeFiles(join(root, 'host'), {
      'index.html': `<!doctype html><script defer src="/${HOST_CHUNK}"></script>`,
      [HOST_CHUNK]: 'console.log("host");',
      [`${HOST_CHUNK}.map`]: MAP,
    });
    writeBuild(join(root, 'remotes'), 'closed');
    writeBuild(join(root, 'remotes'), 'open', 'public');
    t = await createTestApp('pglite', {
      COURSEKIT_HOST_DIST: join(root, 'host'),
      COURSEKIT_REMOTES_DIR: join(root, 'remotes'),
    });
  });
  afterAll(async () => t?.close());

  const get = (url: string, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'GET', url, headers });

  const expectProblem = async (url: string, status: number, code: string) => {
    const answer = await get(url, { 'accept-encoding': 'br, gzip' });
    expect(answer.statusCode, url).toBe(status);
    expect(answer.headers['content-type'], url).toContain('application/problem+json');
    expect(answer.json(), url).toMatchObject({ status, code });
    expect(answer.body, url).not.toContain('secret.ts');
    return answer.json() as { detail: string };
  };

  it('regression: a folder under /remotes is a 404 problem, not a 400 "Forbidden"', async () => {
    for (const url of [
      '/remotes/',
      '/remotes/closed/',
      '/remotes/closed/1.0.0/',
      '/remotes/closed',
    ])
      await expectProblem(url, 404, 'CK_NOT_FOUND');
    await expectProblem('/remotes/closed/1.0.0/nothing.js', 404, 'CK_NOT_FOUND');
  });

  it('answers a non-canonical path with the status its problem names', async () => {
    await expectProblem('/remotes/closed//1.0.0/remoteEntry.js', 403, 'CK_FORBIDDEN');
  });

  it("regression: a phase version's source maps are refused unless its phase.json makes them public", async () => {
    const { detail } = await expectProblem(
      '/remotes/closed/1.0.0/remoteEntry.js.map',
      404,
      'CK_NOT_FOUND',
    );
    expect(detail).toContain('"sourceMaps": "public"');
    await expectProblem('/remotes/closed/1.0.0/remoteEntry.js.map.br', 404, 'CK_NOT_FOUND');
    expect((await get('/remotes/closed/1.0.0/remoteEntry.js')).statusCode).toBe(200);

    const open = await get('/remotes/open/1.0.0/remoteEntry.js.map');
    expect(open.statusCode).toBe(200);
    expect(open.body).toBe(MAP);
  });

  it("regression: the host's source maps are not served", async () => {
    await expectProblem(`/${HOST_CHUNK}.map`, 404, 'CK_ROUTE_NOT_FOUND');
    expect((await get(`/${HOST_CHUNK}`)).statusCode).toBe(200);
  });
});
