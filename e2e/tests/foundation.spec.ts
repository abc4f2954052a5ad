/**
 * The foundation of Coursekit, seen from a browser: a student signs in, opens the sample course
 * and gets its phases, composed at run time through Module Federation from the registry, with the
 * host's single copy of React and the other shared singletons.
 */
import { findCourse, resolvePhases } from '../fixtures/api.js';
import { signInViaApi, signInViaUi } from '../fixtures/auth.js';
import { readFederation } from '../fixtures/federation.js';
import { type ReactMarker, reactMarkersIn } from '../fixtures/reactMarkers.js';
import { expect, test } from '../fixtures/test.js';
import { DEV_USERS, INTRO_COURSE, SAMPLE_COURSE } from '../fixtures/users.js';

const HOST_NAME = 'coursekit_host';
const REMOTE_BASE = `/remotes/${INTRO_COURSE.name}/${INTRO_COURSE.version}/`;
/**
 * Singletons the intro-course source imports itself. Its manifest lists more (those its own
 * fallback copies would need, such as zod for the SDK): the phase never asks for those when the
 * host's copies are used, so only these must show the phase among their users.
 */
const IMPORTED_BY_PHASE = [
  'react',
  'react/jsx-runtime',
  '@coursekit/phase-sdk',
  '@coursekit/phase-sdk/react',
];

interface MfManifest {
  metaData: { remoteEntry: { name: string; path: string } };
  shared: {
    name: string;
    version: string;
    singleton?: boolean;
    assets: { js: { sync: string[]; async: string[] } };
  }[];
  exposes: {
    path: string;
    assets: { js: { sync: string[]; async: string[] }; css?: { sync: string[] } };
  }[];
}

test('a student signs in, opens the course, sees its first phase and signs out', async ({
  page,
}) => {
  await test.step('sign in through the sign-in page', async () => {
    await signInViaUi(page, DEV_USERS.student);
    await expect(page.getByRole('link', { name: 'Coursekit' })).toBeVisible();
    await expect(page.getByText(DEV_USERS.student)).toBeVisible();
    await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  });

  await test.step('open the course: its index shows the first phase', async () => {
    await page.getByRole('link', { name: SAMPLE_COURSE.title }).click();
    await expect(
      page.getByRole('heading', { name: SAMPLE_COURSE.title, exact: true }),
    ).toBeVisible();
    const nav = page.getByRole('navigation', { name: 'Course phases' });
    await expect(nav.getByRole('link')).toHaveText([...SAMPLE_COURSE.phases]);
    await expect(nav.getByRole('link', { name: 'Welcome' })).toHaveAttribute(
      'aria-current',
      'page',
    );
    await expect(page).toHaveURL(/\/courses\/[^/]+\/[^/]+$/);
  });

  await test.step('the Welcome phase renders and responds', async () => {
    const outlet = page.getByTestId('phase-outlet');
    await expect(
      outlet.getByRole('heading', { name: `Welcome to ${SAMPLE_COURSE.title}` }),
    ).toBeVisible();
    await expect(outlet.getByRole('heading', { name: 'First steps' })).toBeVisible();
    // The checklist and its progress appear together, once both documents are loaded: wait for
    // the progress line before counting anything. Ticks are stored, so a reused database may
    // already hold some: count from what is shown.
    const progress = outlet.getByText(/^\d+ of \d+ done$/);
    await expect(progress).toBeVisible();
    // "2 of 4 done": the numbers are the first and the third word.
    const [before = 0, , total = 0] = ((await progress.textContent()) ?? '').split(' ').map(Number);
    expect(total).toBeGreaterThan(0);
    const boxes = outlet.getByRole('checkbox');
    await expect(boxes).toHaveCount(total);
    const first = boxes.first();
    const wasChecked = await first.isChecked();
    // State and event handlers work only when the phase's hooks run on the host's React. A click,
    // then wait for what the user sees: the tick may be shown only once the save has returned.
    await first.click();
    await expect(first).toBeChecked({ checked: !wasChecked });
    await expect(
      outlet.getByText(`${before + (wasChecked ? -1 : 1)} of ${total} done`),
    ).toBeVisible();
  });

  await test.step('sign out returns to the sign-in page', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/sign-in$/);
    await expect(page.getByRole('heading', { name: 'Sign in to Coursekit' })).toBeVisible();
    expect((await page.request.get('/api/me')).status()).toBe(401);
    await page.goto('/courses');
    await expect(page).toHaveURL(/\/sign-in$/);
  });
});

test('the phase is loaded through Module Federation with the host’s singletons, once', async ({
  page,
  network,
}) => {
  await signInViaApi(page, DEV_USERS.student);
  const course = await findCourse(page, SAMPLE_COURSE.title);
  const [first, second] = await resolvePhases(page, course.id);
  if (!first || !second) throw new Error('the sample course should have two phases');

  await page.goto('/courses');
  await page.getByRole('link', { name: SAMPLE_COURSE.title }).click();
  const outlet = page.getByTestId('phase-outlet');
  await expect(
    outlet.getByRole('heading', { name: `Welcome to ${SAMPLE_COURSE.title}` }),
  ).toBeVisible();
  await network.settle();

  const manifestRequests = network.matching(new RegExp(`^${REMOTE_BASE}mf-manifest\\.json$`));
  const manifestEntry = manifestRequests[0];
  let manifest: MfManifest | undefined;

  await test.step('the manifest, the remote entry and the ./Phase chunk the registry named', async () => {
    expect(manifestRequests).toHaveLength(1);
    if (!manifestEntry?.body) throw new Error('the manifest answer was not recorded');
    expect(manifestEntry.method).toBe('GET');
    expect(manifestEntry.status).toBe(200);
    // The host registered the remote by the entry the registry resolved for this course phase.
    expect(manifestEntry.url).toBe(first.remote.entry);
    manifest = JSON.parse(manifestEntry.body) as MfManifest;

    const { name, path } = manifest.metaData.remoteEntry;
    const remoteEntryPath = `${REMOTE_BASE}${path ? `${path}/` : ''}${name}`;
    const remoteEntries = network.entries.filter((entry) => entry.path === remoteEntryPath);
    expect(remoteEntries).toHaveLength(1);
    const remoteEntry = remoteEntries[0];
    expect(remoteEntry?.status).toBe(200);
    // One copy of the MF runtime: the phase uses the host's, so its entry holds only its own
    // container (about 50 KB); with its own runtime it was over 120 KB.
    expect(remoteEntry?.body?.length ?? Number.POSITIVE_INFINITY).toBeLessThan(64 * 1024);

    const phaseExpose = manifest.exposes.find((expose) => expose.path === './Phase');
    expect(phaseExpose, 'the manifest exposes ./Phase').toBeDefined();
    const exposeChunks = phaseExpose?.assets.js.sync ?? [];
    expect(exposeChunks.length).toBeGreaterThan(0);
    for (const chunk of exposeChunks) {
      const loads = network.entries.filter((entry) => entry.path === `${REMOTE_BASE}${chunk}`);
      expect(loads, `${chunk} is loaded once`).toHaveLength(1);
      expect(loads[0]?.status).toBe(200);
    }
    // The resolve answer named the same files, so the host could fetch them with the manifest
    // rather than after it (phaseFilesInParallel.spec.ts proves that it does).
    expect(first.remote.firstRender).toEqual({
      remoteEntry: `${path ? `${path}/` : ''}${name}`,
      js: exposeChunks,
      css: phaseExpose?.assets.css?.sync ?? [],
    });
  });

  await test.step('React and ReactDOM come from the host only', async () => {
    const scripts = network.scripts();
    for (const script of scripts) {
      expect(script.body, `body of ${script.path} was recorded`).toBeDefined();
    }
    const remoteScripts = scripts.filter((script) => script.path.startsWith('/remotes/'));
    expect(remoteScripts.length).toBeGreaterThan(0);
    for (const script of remoteScripts) {
      expect(reactMarkersIn(script.body ?? ''), `React code in ${script.path}`).toEqual([]);
    }
    const withMarker = (marker: ReactMarker) =>
      scripts
        .filter((script) => reactMarkersIn(script.body ?? '').includes(marker))
        .map((script) => script.path);
    expect(withMarker('react'), 'responses that define React').toHaveLength(1);
    expect(withMarker('reactDom'), 'responses that define ReactDOM').toHaveLength(1);
    expect(withMarker('reactDomClient'), 'responses that hold react-dom/client').toHaveLength(1);
  });

  await test.step('every singleton the phase shares has one loaded copy, the host’s', async () => {
    if (!manifest) throw new Error('the manifest was not read');
    expect(manifest.shared.length).toBeGreaterThan(0);
    const fallbackChunks = new Set(
      manifest.shared.flatMap((shared) =>
        [...shared.assets.js.sync, ...shared.assets.js.async].map(
          (chunk) => `${REMOTE_BASE}${chunk}`,
        ),
      ),
    );
    const downloadedFallbacks = network.entries
      .filter((entry) => fallbackChunks.has(entry.path))
      .map((entry) => entry.path);
    expect(downloadedFallbacks, 'the phase’s own copies of shared modules').toEqual([]);

    const federation = await readFederation(page);
    expect(federation.instances).toContain(HOST_NAME);
    for (const shared of manifest.shared) {
      expect(shared.singleton, `${shared.name} is shared as a singleton`).toBe(true);
      const registered = federation.shared[shared.name] ?? [];
      if (IMPORTED_BY_PHASE.includes(shared.name)) {
        // The phase took this module from the share scope (rather than from its own bundle).
        expect(
          registered.some((entry) => entry.useIn.includes(INTRO_COURSE.name)),
          `${shared.name} is used by ${INTRO_COURSE.name}`,
        ).toBe(true);
      }
      const copies = new Set(
        registered
          .filter((entry) => entry.loaded)
          .map((entry) => `${entry.version} from ${entry.from}`),
      );
      const hostVersion = registered.find((entry) => entry.from === HOST_NAME)?.version;
      expect([...copies], `loaded copies of ${shared.name}`).toEqual([
        `${hostVersion} from ${HOST_NAME}`,
      ]);
    }
  });

  await test.step('switching phase stays in the page and reuses the loaded remote', async () => {
    await page.evaluate(() => {
      (window as unknown as { __ckMarker?: string }).__ckMarker = 'same page';
    });
    const documentsBefore = network.documents().length;
    const manifestsBefore = manifestRequests.length;

    const nav = page.getByRole('navigation', { name: 'Course phases' });
    await nav.getByRole('link', { name: 'Team kick-off' }).click();
    await expect(page).toHaveURL(new RegExp(`/courses/${course.id}/${second.coursePhaseId}$`));
    await expect(nav.getByRole('link', { name: 'Team kick-off' })).toHaveAttribute(
      'aria-current',
      'page',
    );
    await expect(nav.getByRole('link', { name: 'Welcome' })).not.toHaveAttribute(
      'aria-current',
      'page',
    );
    await expect(
      outlet.getByRole('heading', { name: `Welcome to ${SAMPLE_COURSE.title}` }),
    ).toBeVisible();

    expect(
      await page.evaluate(() => (window as unknown as { __ckMarker?: string }).__ckMarker),
    ).toBe('same page');
    expect(network.documents()).toHaveLength(documentsBefore);
    expect(network.matching(/\/mf-manifest\.json$/)).toHaveLength(manifestsBefore);
  });
});

test('a deep link to a course phase loads directly (SPA fallback)', async ({ page, network }) => {
  await signInViaApi(page, DEV_USERS.student);
  const course = await findCourse(page, SAMPLE_COURSE.title);
  const [, second] = await resolvePhases(page, course.id);
  if (!second) throw new Error('the sample course should have two phases');

  const response = await page.goto(`/courses/${course.id}/${second.coursePhaseId}`);
  expect(response?.status()).toBe(200);
  expect(response?.headers()['content-type']).toContain('text/html');
  await expect(page.getByRole('heading', { name: SAMPLE_COURSE.title, exact: true })).toBeVisible();
  const nav = page.getByRole('navigation', { name: 'Course phases' });
  await expect(nav.getByRole('link', { name: second.title })).toHaveAttribute(
    'aria-current',
    'page',
  );
  await expect(
    page
      .getByTestId('phase-outlet')
      .getByRole('heading', { name: `Welcome to ${SAMPLE_COURSE.title}` }),
  ).toBeVisible();
  // Scripts of a deep route resolve from the root, not relative to /courses/...
  for (const script of network.scripts()) expect(script.status, script.url).toBe(200);
});

test('an unknown route shows "Page not found"', async ({ page }) => {
  await signInViaApi(page, DEV_USERS.student);
  await page.goto('/no/such/page');
  await expect(page.getByText('Page not found')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Coursekit' })).toBeVisible();
});
