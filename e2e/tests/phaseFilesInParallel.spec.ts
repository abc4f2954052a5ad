/**
 * A phase's files travel together: as soon as the host has the resolve answer, it requests the MF
 * manifest, the remote entry and the `./Phase` chunk at once (the answer names them), rather than
 * the manifest first and the rest once it has been read. Proved by order, not timing: the manifest's
 * answer is held back, and the other files must be requested while it is. Each file is still
 * downloaded once (the preloads carry the integrity and crossorigin of the real requests, or the
 * browser would fetch again) and checked against its recorded hash before it runs.
 */
import type { Page, Route } from '@playwright/test';
import { findCourse, type ResolvedPhaseSummary, resolvePhases } from '../fixtures/api.js';
import { signInViaApi } from '../fixtures/auth.js';
import type { NetworkLog } from '../fixtures/NetworkLog.js';
import { expect, test } from '../fixtures/test.js';
import { DEV_USERS, MATCHING, SAMPLE_COURSE } from '../fixtures/users.js';

/** The manifest and the first-render files of a resolved phase, as absolute URLs. */
function phaseFiles(remote: ResolvedPhaseSummary['remote']): {
  manifest: string;
  others: string[];
} {
  const { firstRender } = remote;
  if (!firstRender)
    throw new Error(`the resolve answer names no first-render files for ${remote.entry}`);
  const others = [firstRender.remoteEntry, ...firstRender.js].map(
    (path) => new URL(path, remote.baseUrl).href,
  );
  return { manifest: remote.entry, others };
}

/** Hold every request for `url` until `release` is called. */
async function holdRequests(page: Page, url: string) {
  const held: Route[] = [];
  await page.route(
    (requested) => requested.href === url,
    (route) => {
      held.push(route);
    },
  );
  return {
    held,
    async release() {
      await page.unroute((requested) => requested.href === url);
      for (const route of held.splice(0)) await route.continue();
    },
  };
}

const requestsOf = (network: NetworkLog, url: string) =>
  network.entries.filter((entry) => entry.url === url);

/** Every file requested exactly once, answered 200. */
function expectEachOnce(network: NetworkLog, urls: string[]) {
  for (const url of urls) {
    const requests = requestsOf(network, url);
    expect(
      requests.map((entry) => entry.status),
      `requests of ${url}`,
    ).toEqual([200]);
  }
}

/** Sign a student in; the sample course, its first phase (Welcome) and that phase's files. */
async function signInForWelcome(page: Page) {
  await signInViaApi(page, DEV_USERS.student);
  const course = await findCourse(page, SAMPLE_COURSE.title);
  const [welcome] = await resolvePhases(page, course.id);
  if (!welcome) throw new Error('the sample course has no phase');
  return { course, welcome, ...phaseFiles(welcome.remote) };
}

test('a course phase’s entry and ./Phase chunk are requested with its manifest, each once', async ({
  page,
  network,
}) => {
  const { course, manifest, others } = await signInForWelcome(page);
  expect(others.length).toBeGreaterThanOrEqual(2);

  const manifestAnswer = await holdRequests(page, manifest);
  await page.goto('/courses');
  await page.getByRole('link', { name: SAMPLE_COURSE.title }).click();

  await test.step('while the manifest is unanswered, the other files are requested', async () => {
    await expect.poll(() => manifestAnswer.held.length).toBeGreaterThan(0);
    await expect
      .poll(() => others.filter((url) => requestsOf(network, url).length === 0))
      .toEqual([]);
    const resolve = network.matching(new RegExp(`^/api/courses/${course.id}/phases$`));
    const answered = resolve.at(-1)?.index ?? Number.POSITIVE_INFINITY;
    for (const url of others) {
      expect(
        requestsOf(network, url)[0]?.index,
        `${url} after the resolve request`,
      ).toBeGreaterThan(answered);
    }
  });

  await manifestAnswer.release();
  const outlet = page.getByTestId('phase-outlet');
  await expect(
    outlet.getByRole('heading', { name: `Welcome to ${SAMPLE_COURSE.title}` }),
  ).toBeVisible();
  await expect(outlet.getByText(/^\d+ of \d+ done$/)).toBeVisible();
  await network.settle();

  await test.step('each phase file was downloaded once, and no script twice', async () => {
    expectEachOnce(network, [manifest, ...others]);
    const scriptUrls = network.scripts().map((entry) => entry.url);
    const twice = scriptUrls.filter((url, index) => scriptUrls.indexOf(url) !== index);
    expect(twice).toEqual([]);
  });
});

test('hovering a phase link requests that phase’s files together, each once', async ({
  page,
  network,
  matchingServer,
}) => {
  expect(matchingServer.running).toBe(true);
  await signInViaApi(page, DEV_USERS.student);
  const course = await findCourse(page, SAMPLE_COURSE.title);
  const matching = (await resolvePhases(page, course.id)).find(
    (phase) => phase.title === MATCHING.title,
  );
  if (!matching) throw new Error('the sample course has no matching phase');
  const { manifest, others } = phaseFiles(matching.remote);

  await page.goto(`/courses/${course.id}`);
  const outlet = page.getByTestId('phase-outlet');
  await expect(
    outlet.getByRole('heading', { name: `Welcome to ${SAMPLE_COURSE.title}` }),
  ).toBeVisible();
  expect(requestsOf(network, manifest)).toEqual([]);

  const manifestAnswer = await holdRequests(page, manifest);
  const nav = page.getByRole('navigation', { name: 'Course phases' });
  await nav.getByRole('link', { name: MATCHING.title }).hover();
  await expect.poll(() => manifestAnswer.held.length).toBeGreaterThan(0);
  await expect
    .poll(() => others.filter((url) => requestsOf(network, url).length === 0))
    .toEqual([]);
  await manifestAnswer.release();

  await nav.getByRole('link', { name: MATCHING.title }).click();
  await expect(outlet.getByRole('heading', { name: MATCHING.title, level: 2 })).toBeVisible();
  await network.settle();
  expectEachOnce(network, [manifest, ...others]);
});

test('a deep link’s preload links in the page serve the host’s requests: each file once', async ({
  page,
  network,
}) => {
  const { course, welcome, manifest, others } = await signInForWelcome(page);

  await page.goto(`/courses/${course.id}/${welcome.coursePhaseId}`);
  const outlet = page.getByTestId('phase-outlet');
  await expect(outlet.getByText(/^\d+ of \d+ done$/)).toBeVisible();
  await network.settle();

  const preloaded = await page
    .locator('link[rel="preload"]')
    .evaluateAll((links) => links.map((link) => (link as HTMLLinkElement).href));
  expect(preloaded).toEqual(expect.arrayContaining([manifest, ...others]));
  expectEachOnce(network, [manifest, ...others]);
});
