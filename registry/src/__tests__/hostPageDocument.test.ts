/**
 * The host page a signed-in user gets on a course page carries their own `/api/me` and resolve
 * answers as a JSON data block, exactly as those routes answer them, and preloads of the current
 * phase's files; nobody else's data, no executable inline script, and no shared cache keeps it.
 * Signed-out users and every other page get the shell as built.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  COURSE_PAGE_CHUNK,
  HOST_CHUNK_PRELOADS_FILE,
  HOST_PAGE_DATA_ID,
  type HostChunkPreloads,
  HostPageData,
  phasePreloads,
  ResolvedCourse,
} from '@coursekit/phase-sdk/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../modules/auth/sessionCookie.js';
import { preloadLink } from '../modules/web/HostPageDocument.js';
import { addIntroCoursePhase } from './support/introCoursePhase.js';
import { type PhaseBuildServer, startPhaseBuildServer } from './support/phaseBuildServer.js';
import { createTestApp, type TestApp } from './support/testApp.js';

const [ADMIN, STUDENT, OTHER_STUDENT] = ['admin', 'student1', 'student2'].map(
  (name) => `${name}@coursekit.test`,
) as [string, string, string];
const SHELL =
  '<!doctype html><html><head><script defer src="/main.0123456789.js"></script></head><body><div id="root"></div></body></html>';
const DATA_BLOCK = new RegExp(
  `<script type="application/json" id="${HOST_PAGE_DATA_ID}">(.*?)</script>`,
  's',
);

describe('the host page of a course', { timeout: 120_000 }, () => {
  let t: TestApp;
  let builds: PhaseBuildServer;
  let coursePhaseId: string;
  let writeBuildPreloads: (phases: HostChunkPreloads['phases']) => void;

  beforeAll(async () => {
    const hostDist = join(mkdtempSync(join(tmpdir(), 'ck-host-page-')), 'host');
    mkdirSync(hostDist);
    writeFileSync(join(hostDist, 'index.html'), SHELL);
    writeBuildPreloads = (phases) =>
      writeFileSync(
        join(hostDist, HOST_CHUNK_PRELOADS_FILE),
        JSON.stringify({
          phases,
          chunks: {
            [COURSE_PAGE_CHUNK]: [
              { file: 'course.0123456789.js', as: 'script' },
              { file: 'course.0123456789.css', as: 'style' },
            ],
            admin: [{ file: 'admin.0123456789.js', as: 'script' }],
          },
        } satisfies HostChunkPreloads),
      );
    writeBuildPreloads('federated');
    [t, builds] = await Promise.all([
      createTestApp('pglite', { COURSEKIT_HOST_DIST: hostDist }),
      startPhaseBuildServer(),
    ]);
    coursePhaseId = await addIntroCoursePhase(t, builds);
  });
  afterAll(async () => {
    await Promise.all([t?.close(), builds?.close()]);
  });

  const page = async (email: string | null, url: string) => {
    const response = await t.as(email, { method: 'GET', url, headers: { accept: 'text/html' } });
    expect(response.statusCode, url).toBe(200);
    expect(response.headers['content-type']).toContain('text/html');
    const block = DATA_BLOCK.exec(response.body)?.[1];
    return {
      response,
      data: block === undefined ? null : HostPageData.parse(JSON.parse(block)),
    };
  };
  const answerOf = async (email: string, url: string) =>
    (await t.as(email, { method: 'GET', url })).json();

  it("carries the student's own session and resolve answers, and preloads the phase's files", async () => {
    const { response, data } = await page(STUDENT, `/courses/${t.courseId}/${coursePhaseId}/intro`);
    const resolved = ResolvedCourse.parse(
      await answerOf(STUDENT, `/api/courses/${t.courseId}/phases`),
    );
    expect(data).toEqual({
      me: await answerOf(STUDENT, '/api/me'),
      resolved,
    });
    expect(data?.me.user.email).toBe(STUDENT);

    const phase = resolved.phases.find((p) => p.coursePhaseId === coursePhaseId);
    if (!phase) throw new Error('Bug: the course has no such phase.');
    const links = phasePreloads(phase).map(preloadLink);
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) expect(response.body).toContain(link);
    // The host's course-page chunk, and no other of its chunks.
    expect(response.body).toContain(
      '<link rel="preload" href="/course.0123456789.js" as="script">',
    );
    expect(response.body).toContain(
      '<link rel="preload" href="/course.0123456789.css" as="style">',
    );
    expect(response.body).not.toContain('admin.0123456789.js');

    expect(response.headers['cache-control']).toBe('private, no-cache');
    expect(String(response.headers.vary).toLowerCase()).toContain('cookie');
    const policy = String(response.headers['content-security-policy']);
    expect(policy).toContain('script-src');
    expect(policy).not.toContain('unsafe-inline');
    // The shell's own script is still there, and no script but the data block was added.
    expect(response.body).toContain('<script defer src="/main.0123456789.js"></script>');
    expect(response.body.match(/<script/g)).toHaveLength(2);
  });

  it('preloads no phase file for a build with its phases bundled, only the course chunk', async () => {
    writeBuildPreloads('bundled');
    try {
      const { response, data } = await page(STUDENT, `/courses/${t.courseId}/${coursePhaseId}`);
      expect(data?.resolved?.phases.length).toBeGreaterThan(0);
      expect(response.body).toContain(
        '<link rel="preload" href="/course.0123456789.js" as="script">',
      );
      expect(response.body).not.toContain('/remotes/');
    } finally {
      writeBuildPreloads('federated');
    }
  });

  it('carries the session alone on a course the user may not open, or one that does not exist', async () => {
    const created = await t.as(ADMIN, {
      method: 'POST',
      url: '/api/courses',
      payload: { slug: 'private-course', title: 'Only for its members' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const { data } = await page(STUDENT, `/courses/${created.json().id}`);
    expect(data).toEqual({ me: await answerOf(STUDENT, '/api/me') });
    const missing = await page(STUDENT, '/courses/00000000-0000-4000-8000-000000000000');
    expect(missing.data).toEqual({ me: await answerOf(STUDENT, '/api/me') });
  });

  it('is the shell as built for signed-out users, other pages and bad sessions', async () => {
    for (const [email, url] of [
      [null, `/courses/${t.courseId}/${coursePhaseId}`],
      [STUDENT, '/courses'],
      [STUDENT, '/courses/new'],
      [STUDENT, '/admin'],
      [STUDENT, '/sign-in'],
    ] as const) {
      const { response } = await page(email, url);
      expect(response.body, url).toBe(SHELL);
      expect(response.headers['cache-control'], url).toBe('no-cache');
    }
    const stale = await t.app.inject({
      method: 'GET',
      url: `/courses/${t.courseId}`,
      headers: { accept: 'text/html', cookie: `${SESSION_COOKIE}=not-a-session` },
    });
    expect(stale.body).toBe(SHELL);
  });

  it("gives each user their own answers, never another's", async () => {
    const [own, other] = await Promise.all([
      page(STUDENT, `/courses/${t.courseId}`),
      page(OTHER_STUDENT, `/courses/${t.courseId}`),
    ]);
    expect(own.data?.me.user.email).toBe(STUDENT);
    expect(other.data?.me.user.email).toBe(OTHER_STUDENT);
  });

  it('regression: a course title with </script> or a line separator stays text in the data block', async () => {
    const title = 'Evil </script><script>alert(1)</script> <!-- \u2028 \u2029 course';
    const created = await t.as(ADMIN, {
      method: 'POST',
      url: '/api/courses',
      payload: { slug: 'evil-course', title },
    });
    expect(created.statusCode, created.body).toBe(201);
    const courseId = created.json().id as string;
    const added = await t.as(ADMIN, {
      method: 'POST',
      url: `/api/courses/${courseId}/members`,
      payload: { email: STUDENT, role: 'student' },
    });
    expect(added.statusCode, added.body).toBe(201);
    const { response, data } = await page(STUDENT, `/courses/${courseId}`);
    expect(data?.resolved?.course.title).toBe(title);
    expect(response.body).not.toContain('<script>alert(1)');
    expect(response.body).not.toContain('<!--');
    expect(response.body).not.toContain('\u2028');
    expect(response.body.match(/<script/g)).toHaveLength(2);
  });
});
