/**
 * How a page starts, in Chromium. A signed-in student's course page carries their session and the
 * course's resolve answer: the course and its phase render while `/api/me` and the resolve route
 * could not answer, the phase's files are each downloaded once (the page's preloads are the very
 * requests the host makes), and the page's policy refuses nothing. Every page downloads the
 * scripts it starts with together with the entry script: its HTML names them all. The course
 * pages' chunk is preloaded by a course page's HTML and never loaded by the sign-in page.
 */
import { COURSE_PAGE_CHUNK, HostChunkPreloads } from '@coursekit/phase-sdk/contract';
import type { APIRequestContext, Route } from '@playwright/test';
import { signInViaApi } from '../fixtures/auth.js';
import { cspConsoleLines, recordViolations } from '../fixtures/cspViolations.js';
import { expect, test } from '../fixtures/test.js';
import { DEV_USERS, SAMPLE_COURSE } from '../fixtures/users.js';
import { welcomePhasePath } from '../fixtures/welcomePhase.js';

const SESSION = /^\/api\/me$/;
/** The host build's list of its named chunks' files (`HOST_CHUNK_PRELOADS_FILE` of the contract). */
const CHUNK_PRELOADS = '/chunk-preloads.json';

async function coursePageFiles(request: APIRequestContext): Promise<string[]> {
  const listed = HostChunkPreloads.parse(await (await request.get(CHUNK_PRELOADS)).json());
  expect(listed.phases).toBe('federated');
  const files = (listed.chunks[COURSE_PAGE_CHUNK] ?? []).map(({ file }) => `/${file}`);
  expect(files.length).toBeGreaterThan(0);
  return files;
}

/** The hrefs of a page's `<link rel="preload">`s. */
function preloadsOf(html: string): string[] {
  return [...html.matchAll(/<link [^>]*rel="preload"[^>]*>/g)]
    .map(([link]) => /href="([^"]+)"/.exec(link)?.[1])
    .filter((href) => href !== undefined)
    .map((href) => new URL(href, 'http://page.test').pathname);
}
const RESOLVE = /^\/api\/courses\/[^/]+\/phases$/;

test('a course page renders its phase without asking for the session or the course first', async ({
  page,
  network,
}) => {
  const violations = await recordViolations(page);
  const consoleLines = cspConsoleLines(page);
  await signInViaApi(page, DEV_USERS.student);
  const path = await welcomePhasePath(page);

  // The registry's session and resolve routes never answer this page.
  const held: Route[] = [];
  await page.route(
    (url) => SESSION.test(url.pathname) || RESOLVE.test(url.pathname),
    (route) => {
      held.push(route);
    },
  );
  const document = await page.goto(path);
  await expect(page.getByRole('heading', { name: SAMPLE_COURSE.title, exact: true })).toBeVisible();
  // The course pages' code came with the page, not after the start chunks ran.
  const preloaded = preloadsOf((await document?.text()) ?? '');
  for (const file of await coursePageFiles(page.request)) expect(preloaded).toContain(file);
  await expect(
    page
      .getByTestId('phase-outlet')
      .getByRole('heading', { name: `Welcome to ${SAMPLE_COURSE.title}` }),
  ).toBeVisible();
  await expect(page.getByText(DEV_USERS.student)).toBeVisible();
  // The session is as fresh as the page: not even revalidated.
  expect(held.map((route) => new URL(route.request().url()).pathname)).not.toContainEqual(
    expect.stringMatching(SESSION),
  );

  const phaseFiles = network.entries
    .filter((entry) => entry.path.startsWith('/remotes/'))
    .map((entry) => entry.path);
  expect(phaseFiles.length).toBeGreaterThan(0);
  expect(phaseFiles).toEqual([...new Set(phaseFiles)]);

  expect(await violations()).toEqual([]);
  expect(consoleLines).toEqual([]);
  await page.unrouteAll({ behavior: 'ignoreErrors' });
});

test('a page downloads the scripts it starts with together with its entry script', async ({
  page,
  network,
}) => {
  const document = await page.goto('/sign-in');
  const html = (await document?.text()) ?? '';
  await expect(page.getByRole('heading', { name: 'Sign in to Coursekit' })).toBeVisible();

  const preloaded = preloadsOf(html);
  const entry = [...html.matchAll(/<script [^>]*src="([^"]+)"/g)].map(([, src]) => src);
  const scripts = network.entries
    .filter((request) => request.resourceType === 'script')
    .map((request) => request.path);
  expect(scripts.length).toBeGreaterThan(entry.length);
  for (const script of scripts) {
    expect([...entry, ...preloaded], `${script} is in the page's HTML`).toContain(script);
  }
  expect(scripts).toEqual([...new Set(scripts)]);
  for (const file of await coursePageFiles(page.request)) expect(scripts).not.toContain(file);
});
