/**
 * The host page's Content-Security-Policy names exactly the origins phases may be loaded from: the
 * registry's own and those of registered versions that are still served, fresh on the next page
 * load after a registration or a yank; a developer's overrides add their servers to their page
 * alone. No inline script, no eval. Other answers keep the base directives only.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as buildServer from './support/phaseBuildServer.js';
import { createTestApp, type TestApp } from './support/testApp.js';

const { phaseBuild, startPhaseBuildServer, uploadBody } = buildServer;
const [ADMIN, DEVELOPER, STUDENT] = ['admin', 'developer', 'student1'].map(
  (name) => `${name}@coursekit.test`,
) as [string, string, string];

/** `script-src` and the other directives of a policy, by name. */
function directives(policy: unknown): Map<string, string[]> {
  return new Map(
    String(policy)
      .split(';')
      .map((directive) => directive.trim().split(/\s+/))
      .map(([name = '', ...sources]) => [name, sources]),
  );
}

describe('Content-Security-Policy of the host page', { timeout: 120_000 }, () => {
  let t: TestApp;
  let cdn: buildServer.PhaseBuildServer;
  let devServer: buildServer.PhaseBuildServer;

  beforeAll(async () => {
    const hostDist = join(mkdtempSync(join(tmpdir(), 'ck-csp-')), 'host');
    mkdirSync(hostDist);
    writeFileSync(
      join(hostDist, 'index.html'),
      '<!doctype html><script defer src="/main.0123456789.js"></script><div id="root"></div>',
    );
    [t, cdn, devServer] = await Promise.all([
      createTestApp('pglite', { COURSEKIT_HOST_DIST: hostDist }),
      startPhaseBuildServer(),
      startPhaseBuildServer(),
    ]);
    const published = await t.as(ADMIN, {
      method: 'POST',
      url: '/api/phase-bundles',
      payload: uploadBody(phaseBuild('quiz', '1.0.0')),
    });
    expect(published.statusCode).toBe(201);
    cdn.publish('/quiz/2.0.0', phaseBuild('quiz', '2.0.0'));
    devServer.publish('/dev', phaseBuild('quiz', '2.1.0-dev'));
  });
  afterAll(async () => {
    await Promise.all([t?.close(), cdn?.close(), devServer?.close()]);
  });

  const page = async (email: string | null, url = `/courses/${t.courseId}`) => {
    const response = await t.as(email, { method: 'GET', url, headers: { accept: 'text/html' } });
    expect(response.statusCode, url).toBe(200);
    expect(response.headers['content-type']).toContain('text/html');
    return { policy: directives(response.headers['content-security-policy']), response };
  };
  const own = () => new URL(t.config.publicUrl).origin;

  it('allows scripts, styles and fetches from the registry alone, and nothing inline', async () => {
    const { policy } = await page(null);
    expect(policy.get('default-src')).toEqual(["'self'"]);
    for (const name of ['script-src', 'style-src', 'connect-src']) {
      expect(policy.get(name), name).toEqual(["'self'", own()]);
    }
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'self'"]);
    expect(policy.get('frame-ancestors')).toEqual(["'self'"]);
    const all = [...policy.values()].flat();
    expect(all).not.toContain("'unsafe-inline'");
    expect(all).not.toContain("'unsafe-eval'");
    expect((await page(null, '/index.html')).policy).toEqual(policy);
  });

  it('regression: a version registered at another origin loads on the next page, and not once it is yanked', async () => {
    const registered = await t.as(ADMIN, {
      method: 'POST',
      url: '/api/phase-types/quiz/versions',
      payload: { descriptorUrl: `${cdn.origin}/quiz/2.0.0/phase.json` },
    });
    expect(registered.statusCode, registered.body).toBe(201);
    const { policy } = await page(STUDENT);
    for (const name of ['script-src', 'style-src', 'connect-src', 'img-src', 'font-src']) {
      expect(policy.get(name), name).toContain(cdn.origin);
    }

    const yanked = await t.as(ADMIN, {
      method: 'PATCH',
      url: '/api/phase-types/quiz/versions/2.0.0',
      payload: { status: 'yanked', reason: 'served from the wrong CDN' },
    });
    expect(yanked.statusCode, yanked.body).toBe(200);
    expect((await page(STUDENT)).policy.get('script-src')).not.toContain(cdn.origin);
  });

  it("adds a developer's override server to their own page only, which no shared cache keeps", async () => {
    const set = await t.as(DEVELOPER, {
      method: 'PUT',
      url: '/api/me/phase-overrides/quiz',
      payload: { descriptorUrl: `${devServer.origin}/dev/phase.json` },
    });
    expect(set.statusCode, set.body).toBe(200);
    const developer = await page(DEVELOPER);
    expect(developer.policy.get('script-src')).toContain(devServer.origin);
    expect(developer.policy.get('connect-src')).toContain(devServer.origin);
    // Its live reload's WebSocket.
    expect(developer.policy.get('connect-src')).toContain(devServer.origin.replace('http', 'ws'));
    expect(developer.response.headers['cache-control']).toContain('private');

    // Off course pages too, which carry no one's answers (a course page is private to every
    // signed-in user: it carries their own answers, see hostPageDocument.test.ts).
    const developerList = await page(DEVELOPER, '/courses');
    expect(developerList.policy.get('script-src')).toContain(devServer.origin);
    expect(developerList.response.headers['cache-control']).toContain('private');

    const student = await page(STUDENT);
    expect(student.policy.get('script-src')).not.toContain(devServer.origin);
    const studentList = await page(STUDENT, '/courses');
    expect(studentList.policy.get('script-src')).not.toContain(devServer.origin);
    expect(studentList.response.headers['cache-control']).not.toContain('private');
  });

  it('keeps answers that are no page to the base directives', async () => {
    const json = await t.as(STUDENT, { method: 'GET', url: '/api/me' });
    const policy = directives(json.headers['content-security-policy']);
    expect(policy.get('frame-ancestors')).toEqual(["'self'"]);
    expect(policy.has('script-src')).toBe(false);
  });
});
