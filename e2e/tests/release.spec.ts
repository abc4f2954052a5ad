/**
 * Releasing a phase, end to end in Chromium, on a course of its own: a developer (an intro-course
 * publisher with an API token) publishes intro-course 1.1.0 with the SDK's real CLI, the admin
 * pins the course to it in the admin console, and a student who already has the course open sees
 * 1.1.0 on their next navigation into the phase, and 1.0.0 again after the rollback, without a
 * reload. A bundle changed in storage after publishing is refused in the browser, naming the file;
 * the admin yanks it. A developer's override loads their local build for them alone, with a banner
 * and a one-click way back. The builds are genuine: the intro-course source built with the SDK's
 * build helper under new versions (release-phase/buildReleaseBuilds.ts).
 */
import { execFile } from 'node:child_process';
import { access, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import type { APIRequestContext, Page } from '@playwright/test';
import { signInViaApi } from '../fixtures/auth.js';
import { expectSameDocument, markDocument, openPhase, phaseSlot } from '../fixtures/faultLab.js';
import { openSignedInPage, type SignedInPage } from '../fixtures/signedInContext.js';
import { BASE_URL, DEV_SERVER_PORT, DEV_SERVER_URL } from '../fixtures/stack.js';
import { serveBuild } from '../fixtures/staticBuildServer.js';
import { expect, test } from '../fixtures/test.js';
import { DEV_USERS, INTRO_COURSE } from '../fixtures/users.js';
import {
  buildReleaseBuilds,
  RELEASE_BUILDS,
  releaseBuildDir,
} from '../release-phase/buildReleaseBuilds.js';

const COURSE = { slug: 'release-train', title: 'Release train', term: null };
const WELCOME = 'Welcome';
const CHECKLIST = 'Checklist';
const CSRF = { 'x-coursekit-csrf': '1' };
const RELEASE = RELEASE_BUILDS.release;
const LOCAL = RELEASE_BUILDS.local;

const run = promisify(execFile);

let courseId = '';
let welcomeId = '';

/** The course with its two intro-course phases on 1.0.0 and its members (made when missing). */
async function releaseCourse(admin: APIRequestContext): Promise<void> {
  const courses = (await (await admin.get('/api/courses')).json()) as {
    id: string;
    slug: string;
  }[];
  courseId = courses.find((course) => course.slug === COURSE.slug)?.id ?? '';
  if (!courseId) {
    const created = await admin.post('/api/courses', { headers: CSRF, data: COURSE });
    expect(created.status(), await created.text()).toBe(201);
    courseId = ((await created.json()) as { id: string }).id;
    for (const title of [WELCOME, CHECKLIST]) {
      const added = await admin.post(`/api/courses/${courseId}/phases`, {
        headers: { ...CSRF, 'if-match': '*' },
        data: { phase: INTRO_COURSE.name, title, pin: INTRO_COURSE.version },
      });
      expect(added.status(), await added.text()).toBe(201);
    }
    for (const email of [DEV_USERS.student, DEV_USERS.student2, DEV_USERS.developer]) {
      const member = await admin.post(`/api/courses/${courseId}/members`, {
        headers: CSRF,
        data: { email, role: 'student' },
      });
      expect(member.ok(), await member.text()).toBe(true);
    }
  }
  const composition = await admin.get(`/api/courses/${courseId}/composition`);
  const phases = (await composition.json()).phases as { id: string; title: string }[];
  welcomeId = phases.find((phase) => phase.title === WELCOME)?.id ?? '';
  expect(welcomeId).not.toBe('');
}

/** An API token of the developer, made a publisher of intro-course by the admin. */
async function developerToken(admin: APIRequestContext): Promise<string> {
  const granted = await admin.post('/api/admin/phase-publishers', {
    headers: CSRF,
    data: { phase: INTRO_COURSE.name, email: DEV_USERS.developer },
  });
  expect(granted.ok(), await granted.text()).toBe(true);
  const created = await admin.post('/api/admin/api-tokens', {
    headers: CSRF,
    data: { email: DEV_USERS.developer, name: 'Release suite', phase: INTRO_COURSE.name },
  });
  expect(created.status(), await created.text()).toBe(201);
  return ((await created.json()) as { token: string }).token;
}

/** Change a stored file and the compressed copies the registry serves of it, as one attacker would. */
async function tamper(file: string, change: (source: string) => string): Promise<void> {
  const changed = change(await readFile(file, 'utf8'));
  await writeFile(file, changed);
  for (const [suffix, compress] of [
    ['.br', brotliCompressSync],
    ['.gz', gzipSync],
  ] as const) {
    const copy = `${file}${suffix}`;
    if (
      await access(copy).then(
        () => true,
        () => false,
      )
    )
      await writeFile(copy, compress(changed));
  }
}

const welcomeHeading = (page: Page) =>
  phaseSlot(page).getByRole('heading', { name: `Welcome to ${COURSE.title}` });

/** Open the other phase, then the welcome phase again: the student's next navigation into it. */
async function navigateIntoWelcome(page: Page): Promise<void> {
  await openPhase(page, CHECKLIST);
  await expect(page).toHaveTitle(`${CHECKLIST} · ${COURSE.title} · Coursekit`);
  await openPhase(page, WELCOME);
  await expect(page).toHaveTitle(`${WELCOME} · ${COURSE.title} · Coursekit`);
}

/** The admin chooses `version` for the welcome phase in the course's composition page. */
async function pinInConsole(page: Page, version: string): Promise<void> {
  const picker = page.getByRole('listitem', { name: WELCOME }).getByLabel('Version');
  const saved = page.waitForResponse(
    (response) =>
      response.request().method() === 'PATCH' &&
      new URL(response.url()).pathname === `/api/courses/${courseId}/phases/${welcomeId}`,
  );
  await picker.selectOption(version);
  expect((await saved).status()).toBe(200);
  await expect(picker).toHaveValue(version);
}

test('publish, roll out, roll back, refuse a tampered bundle, and try a build on yourself first', async ({
  page,
  browser,
  baseURL,
  request,
}) => {
  test.setTimeout(600_000);
  await buildReleaseBuilds();
  await signInViaApi(request, DEV_USERS.admin);
  await releaseCourse(request);
  const others: SignedInPage[] = [];
  const devServer = await serveBuild(DEV_SERVER_PORT, releaseBuildDir('local'));
  try {
    await test.step('a developer publishes intro-course 1.1.0 with the CLI and an API token', async () => {
      const token = await developerToken(request);
      const { stdout } = await run(
        'npx',
        ['--no-install', 'coursekit-phase', 'publish', '--registry', BASE_URL],
        {
          cwd: dirname(releaseBuildDir('release')),
          env: { ...process.env, COURSEKIT_TOKEN: token },
        },
      );
      expect(stdout).toContain(`Published ${INTRO_COURSE.name} ${RELEASE.version}`);
    });

    const student = await openSignedInPage(browser, baseURL, DEV_USERS.student);
    others.push(student);
    await test.step('a student has the course open on 1.0.0', async () => {
      await student.page.goto(`/courses/${courseId}/${welcomeId}`);
      await expect(welcomeHeading(student.page)).toBeVisible();
      await expect(phaseSlot(student.page).getByText(RELEASE.note)).toHaveCount(0);
      await markDocument(student.page);
    });

    await signInViaApi(page, DEV_USERS.admin);
    await page.goto(`/admin/courses/${courseId}`);
    await test.step('the admin pins the course to 1.1.0; the student sees it on their next navigation', async () => {
      await pinInConsole(page, RELEASE.version);
      await navigateIntoWelcome(student.page);
      await expect(phaseSlot(student.page).getByText(RELEASE.note)).toBeVisible();
      await expect(welcomeHeading(student.page)).toBeVisible();
      // The release reads its place with react-router hooks the host does not use itself: they
      // are in the host's shared react-router (its part for phases) and see the host's router.
      await expect(phaseSlot(student.page).getByTestId('release-route')).toHaveText(
        `${new URL(student.page.url()).pathname}?`,
      );
      await expectSameDocument(student.page);
    });

    await test.step('the admin rolls back to 1.0.0; the student sees 1.0.0 again without a reload', async () => {
      await pinInConsole(page, INTRO_COURSE.version);
      // Coming back to the tab revalidates the resolve answer; the phase being worked in keeps
      // its version until the student navigates, so no code is swapped under their hands.
      const revalidated = student.page.waitForResponse(
        (response) => new URL(response.url()).pathname === `/api/courses/${courseId}/phases`,
        // Only catches a hang: the request is sent as the tab is shown again.
        { timeout: 60_000 },
      );
      // What the browser fires when the student comes back to the tab (headless tabs never hide).
      await student.page.evaluate(() =>
        document.dispatchEvent(new Event('visibilitychange', { bubbles: true })),
      );
      await revalidated;
      await expect(phaseSlot(student.page).getByText(RELEASE.note)).toBeVisible();
      await navigateIntoWelcome(student.page);
      await expect(welcomeHeading(student.page)).toBeVisible();
      await expect(phaseSlot(student.page).getByText(RELEASE.note)).toHaveCount(0);
      await expectSameDocument(student.page);
    });

    await test.step('a bundle changed in storage after publishing is refused in the browser', async () => {
      // What an attacker with write access to the bundle store (or a CDN) would do.
      const entry = join(
        process.env.E2E_DATA_DIR ?? '',
        'remotes',
        INTRO_COURSE.name,
        RELEASE.version,
        'remoteEntry.js',
      );
      await tamper(entry, (source) => `${source}\nglobalThis.__ckTampered = true;\n`);
      await pinInConsole(page, RELEASE.version);
      const newcomer = await openSignedInPage(browser, baseURL, DEV_USERS.student2);
      others.push(newcomer);
      await newcomer.page.goto(`/courses/${courseId}/${welcomeId}`);
      const alert = phaseSlot(newcomer.page).getByRole('alert');
      await expect(alert).toHaveAttribute('data-stage', 'integrity');
      await expect(alert.locator('.ck-error-title')).toHaveText(
        `“${WELCOME}” was blocked for your safety.`,
      );
      await alert.getByText('Technical details').click();
      await expect(alert).toContainText('remoteEntry.js does not match its recorded hash');
      expect(
        await newcomer.page.evaluate(
          () => (globalThis as unknown as { __ckTampered?: boolean }).__ckTampered ?? false,
        ),
        'no byte of the changed file ran',
      ).toBe(false);

      // The admin yanks it: the course falls back to 1.0.0, and so does the next navigation.
      const yanked = await request.patch(
        `/api/phase-types/${INTRO_COURSE.name}/versions/${RELEASE.version}`,
        {
          headers: CSRF,
          data: { status: 'yanked', reason: 'changed in storage after publishing' },
        },
      );
      expect(yanked.status(), await yanked.text()).toBe(200);
      await navigateIntoWelcome(newcomer.page);
      await expect(welcomeHeading(newcomer.page)).toBeVisible();
      await expect(phaseSlot(newcomer.page).getByRole('alert')).toHaveCount(0);
    });

    await test.step("a developer's override shows their local build to them alone", async () => {
      const developer = await openSignedInPage(browser, baseURL, DEV_USERS.developer);
      others.push(developer);
      const descriptorUrl = `${DEV_SERVER_URL}/phase.json`;
      await developer.page.goto(
        `/courses/${courseId}/${welcomeId}?phase-override=${INTRO_COURSE.name}@${descriptorUrl}`,
      );
      const banner = developer.page.getByRole('region', { name: 'Phase overrides' });
      // The link only proposes the override: nothing loads before the developer confirms.
      await expect(banner.getByRole('group')).toContainText(descriptorUrl);
      await banner.getByRole('button', { name: 'Load this build' }).click();
      await expect(banner).toContainText(`${INTRO_COURSE.name} ${LOCAL.version} loads from`);
      // Exactly the URL the banner names: the "Checking the phase override …" status may still
      // be on screen and mentions it too.
      await expect(banner.getByText(descriptorUrl, { exact: true })).toBeVisible();
      await expect(phaseSlot(developer.page).getByText(LOCAL.note)).toBeVisible();
      await expect(welcomeHeading(developer.page)).toBeVisible();
      await expect(developer.page).toHaveURL(`${BASE_URL}/courses/${courseId}/${welcomeId}`);
      await markDocument(developer.page);

      // The student, on the same course at the same time, gets the registered version.
      await navigateIntoWelcome(student.page);
      await expect(welcomeHeading(student.page)).toBeVisible();
      await expect(phaseSlot(student.page).getByText(LOCAL.note)).toHaveCount(0);
      await expect(student.page.getByRole('region', { name: 'Phase overrides' })).toHaveCount(0);

      // Nor can the student turn an override on: the registry refuses, and says why.
      await student.page.goto(
        `/courses/${courseId}/${welcomeId}?phase-override=${INTRO_COURSE.name}@${descriptorUrl}`,
      );
      const refusal = student.page
        .getByRole('region', { name: 'Phase overrides' })
        .getByRole('alert');
      await expect(refusal).toContainText('The phase override was refused');
      await expect(refusal).toContainText('overridePhases');
      await expect(welcomeHeading(student.page)).toBeVisible();
      await expect(phaseSlot(student.page).getByText(LOCAL.note)).toHaveCount(0);

      // One click, and the developer is back on the registered version.
      await banner.getByRole('button', { name: `Stop overriding ${INTRO_COURSE.name}` }).click();
      await expect(banner).toHaveCount(0);
      await expect(welcomeHeading(developer.page)).toBeVisible();
      await expect(phaseSlot(developer.page).getByText(LOCAL.note)).toHaveCount(0);
      await expectSameDocument(developer.page);
    });

    for (const other of others) expect(other.pageErrors).toEqual([]);
  } finally {
    await Promise.all(others.map((other) => other.close()));
    await devServer.close();
  }
});
