/**
 * The admin console end to end in Chromium: an admin creates a course, adds members and phases,
 * reorders them from the keyboard, configures the checklist through the form generated from the
 * phase's JSON Schema, pins a version, hides a phase from students (its storage refuses them) and
 * shows it again with its data, and reads all of it in the audit log. axe-core finds no serious
 * or critical violation on any page of the way.
 */
import type { Page } from '@playwright/test';
import { requestOf } from '../fixtures/api.js';
import { signInViaApi } from '../fixtures/auth.js';
import { seriousA11yViolations } from '../fixtures/axe.js';
import { openSignedInPage } from '../fixtures/signedInContext.js';
import { expect, test } from '../fixtures/test.js';
import { DEV_USERS, INTRO_COURSE, MATCHING } from '../fixtures/users.js';

const CSRF = { 'x-coursekit-csrf': '1' };

async function expectAccessible(page: Page) {
  expect(await seriousA11yViolations(page)).toEqual([]);
}

/** Resolves when the registry answered a composition change (a new revision or a refusal). */
const compositionSaved = (page: Page) =>
  page.waitForResponse(
    (response) =>
      ['PATCH', 'POST'].includes(response.request().method()) &&
      /\/api\/courses\/[^/]+\/phases/.test(new URL(response.url()).pathname),
  );

/** The titles of the composition's rows, in order. */
const rowTitles = (page: Page) =>
  page.getByRole('list', { name: 'Course phases, in order' }).getByRole('heading', { level: 3 });

test('an admin creates and composes a course, and every change is in its audit log', async ({
  page,
  browser,
  baseURL,
}) => {
  // Many steps, each a few round trips: ~20 s on an idle two-core machine.
  test.slow();
  const slug = `admin-e2e-${Date.now().toString(36)}`;
  const title = `Console course ${slug.slice(-6)}`;
  await signInViaApi(page, DEV_USERS.admin);
  let courseId = '';

  await test.step('creates a course from the course list', async () => {
    await page.goto('/courses');
    await page.getByRole('link', { name: 'Administration' }).click();
    await expect(page).toHaveTitle('Courses · Coursekit');
    await expect(page.getByRole('heading', { name: 'Courses', level: 1 })).toBeVisible();
    await expectAccessible(page);
    await page.getByRole('link', { name: 'New course' }).click();
    await expect(page).toHaveTitle('New course · Coursekit');
    await page.getByLabel('Title').fill(title);
    await page.getByLabel('Slug').fill('Not A Slug');
    await page.getByRole('button', { name: 'Create course' }).click();
    // Refused with the field named; nothing created.
    await expect(page.getByLabel('Slug')).toHaveAttribute('aria-invalid', 'true');
    await expectAccessible(page);
    await page.getByLabel('Slug').fill(slug);
    await page.getByRole('button', { name: 'Create course' }).click();
    await expect(page).toHaveURL(/\/admin\/courses\/[0-9a-f-]{36}\/members$/);
    courseId = page.url().split('/').at(-2) ?? '';
  });

  await test.step('adds a lecturer and a student by email', async () => {
    await expect(page).toHaveTitle(`Members · ${title} · Coursekit`);
    await expect(page.getByText('This course has no members yet.')).toBeVisible();
    for (const [email, role] of [
      [DEV_USERS.student2, 'student'],
      [`lecturer-${slug}@coursekit.test`, 'lecturer'],
    ] as const) {
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Role', { exact: true }).selectOption(role);
      await page.getByRole('button', { name: 'Add member' }).click();
      await expect(page.getByText(`${email} is now a ${role}.`)).toBeVisible();
    }
    await expect(page.getByText('Showing 1–2 of 2 members')).toBeVisible();
    await expectAccessible(page);
  });

  await test.step('adds intro-course and matching from the catalogue', async () => {
    await page
      .getByRole('navigation', { name: 'Course management' })
      .getByRole('link', { name: 'Composition' })
      .click();
    await expect(page).toHaveTitle(`Composition · ${title} · Coursekit`);
    await expect(page.getByText('This course has no phases yet')).toBeVisible();
    for (const [phase, phaseTitle] of [
      [INTRO_COURSE.name, 'Welcome'],
      [MATCHING.name, MATCHING.title],
    ] as const) {
      await page.getByLabel('Phase type').selectOption(phase);
      await page.getByLabel('Title in the course').fill(phaseTitle);
      await page.getByRole('button', { name: 'Add phase' }).click();
      await expect(rowTitles(page).filter({ hasText: phaseTitle })).toBeVisible();
    }
    await expect(rowTitles(page)).toHaveText(['Welcome', MATCHING.title]);
    await expect(
      page.getByRole('list', { name: 'Phases students see' }).getByRole('listitem'),
    ).toHaveText(['Welcome', MATCHING.title]);
    await expectAccessible(page);
  });

  await test.step('moves matching first with the keyboard', async () => {
    const handle = page.getByRole('button', { name: `Reorder ${MATCHING.title}` });
    // What a screen reader user hears after each key is what the test waits for.
    const announced = (text: string) =>
      expect(page.getByRole('status').filter({ hasText: text })).toBeAttached();
    await handle.focus();
    await page.keyboard.press('Space');
    await expect(handle).toHaveAttribute('aria-pressed', 'true');
    await announced(`${MATCHING.title} is over position 2 of 2.`);
    await page.keyboard.press('ArrowUp');
    await announced(`${MATCHING.title} is over position 1 of 2.`);
    const saved = compositionSaved(page);
    await page.keyboard.press('Space');
    await expect(rowTitles(page)).toHaveText([MATCHING.title, 'Welcome']);
    expect((await saved).status()).toBe(200);
    // Saved, not only shown: the registry's order after a reload.
    await page.reload();
    await expect(rowTitles(page)).toHaveText([MATCHING.title, 'Welcome']);
    await expect(
      page.getByRole('list', { name: 'Phases students see' }).getByRole('listitem'),
    ).toHaveText([MATCHING.title, 'Welcome']);
  });

  const welcome = page.getByRole('listitem', { name: 'Welcome' });

  await test.step('configures the checklist through the generated form, refused until valid', async () => {
    await welcome.getByRole('button', { name: 'Settings of Welcome' }).click();
    const settings = page.getByRole('form', { name: 'Settings of Welcome' });
    await expect(settings.getByRole('group', { name: 'Checklist steps' })).toBeVisible();
    await settings.getByRole('button', { name: 'Add to Checklist steps' }).click();
    await settings.getByLabel('Checklist steps 1').fill('Read the syllabus');
    await settings.getByRole('button', { name: 'Add to Checklist steps' }).click();
    await settings.getByRole('button', { name: 'Save settings' }).click();
    // The registry validated against the phase's schema and named the empty step.
    await expect(settings.getByLabel('Checklist steps 2')).toHaveAttribute('aria-invalid', 'true');
    await expect(settings.getByText('must NOT have fewer than 1 characters')).toBeVisible();
    await expectAccessible(page);
    await settings.getByLabel('Checklist steps 2').fill('Meet your team');
    const saved = compositionSaved(page);
    await settings.getByRole('button', { name: 'Save settings' }).click();
    expect((await saved).status()).toBe(200);
    await expect(settings.getByText('must NOT have fewer than 1 characters')).toBeHidden();
    const composition = await requestOf(page).get(`/api/courses/${courseId}/composition`);
    const phases = (await composition.json()).phases as { title: string; config: unknown }[];
    expect(phases.find((p) => p.title === 'Welcome')?.config).toEqual({
      steps: ['Read the syllabus', 'Meet your team'],
    });
  });

  await test.step('pins the checklist to its version, with the version’s health at the choice', async () => {
    const version = welcome.getByLabel('Version');
    await expect(version.locator('option')).toHaveText([
      /^Latest \(now 1\.0\.0, (healthy|failing|not probed)\)$/,
      /^1\.0\.0 — (healthy|failing|not probed)$/,
    ]);
    const saved = compositionSaved(page);
    await version.selectOption(INTRO_COURSE.version);
    expect((await saved).status()).toBe(200);
    await expect(version).toHaveValue(INTRO_COURSE.version);
    await page.reload();
    await expect(page.getByRole('listitem', { name: 'Welcome' }).getByLabel('Version')).toHaveValue(
      INTRO_COURSE.version,
    );
  });

  const student = await openSignedInPage(browser, baseURL, DEV_USERS.student2);
  const coursePhaseId = async () => {
    const composition = await requestOf(page).get(`/api/courses/${courseId}/composition`);
    const phases = (await composition.json()).phases as { id: string; title: string }[];
    return phases.find((p) => p.title === 'Welcome')?.id ?? '';
  };
  const studentId = (await (await student.page.request.get('/api/me')).json()).user.id as string;
  const ownDoc = async () =>
    student.page.request.get(
      `/api/course-phases/${await coursePhaseId()}/participants/${studentId}/data/own`,
    );

  await test.step('hides the checklist: students no longer see it, and its storage refuses them', async () => {
    const saved = await student.page.request.put(
      `/api/course-phases/${await coursePhaseId()}/participants/${studentId}/data/own`,
      { headers: { ...CSRF, 'if-match': '"0"' }, data: { done: ['step-0'] } },
    );
    expect(saved.status()).toBe(200);

    await welcome.getByLabel('Shown to students').uncheck();
    await expect(welcome.getByLabel('Shown to students')).not.toBeChecked();
    await expect(
      page.getByRole('list', { name: 'Phases students see' }).getByRole('listitem'),
    ).toHaveText([MATCHING.title]);
    await student.page.goto(`/courses/${courseId}`);
    const nav = student.page.getByRole('navigation', { name: 'Course phases' });
    await expect(nav.getByRole('link', { name: MATCHING.title })).toBeVisible();
    await expect(nav.getByRole('link', { name: 'Welcome' })).toHaveCount(0);
    expect((await ownDoc()).status()).toBe(403);
  });

  await test.step('shows it again: the student gets it back with their data', async () => {
    await welcome.getByLabel('Shown to students').check();
    await expect(welcome.getByLabel('Shown to students')).toBeChecked();
    await student.page.reload();
    await expect(
      student.page
        .getByRole('navigation', { name: 'Course phases' })
        .getByRole('link', { name: 'Welcome' }),
    ).toBeVisible();
    const doc = await ownDoc();
    expect(doc.status()).toBe(200);
    expect((await doc.json()).doc).toEqual({ done: ['step-0'] });
  });
  await student.close();
  expect(student.pageErrors).toEqual([]);

  await test.step('reads all of it in the course’s audit log, filtered by what changed', async () => {
    await page
      .getByRole('navigation', { name: 'Course management' })
      .getByRole('link', { name: 'Audit log' })
      .click();
    await expect(page).toHaveTitle(`Audit log · ${title} · Coursekit`);
    const entries = page
      .getByRole('list', { name: 'Changes, newest first' })
      .getByRole('listitem')
      .filter({
        has: page.locator('strong'),
      });
    await expect(entries.locator('strong')).toHaveText([
      'course-phase.enable',
      'course-phase.disable',
      'course-phase.pin',
      'course-phase.configure',
      'course-phase.move',
      'course-phase.add',
      'course-phase.add',
      'course.member.upsert',
      'course.member.upsert',
      'course.create',
    ]);
    await expect(entries.first()).toContainText(`by Ada Admin (${DEV_USERS.admin})`);
    await expect(entries.nth(3)).toContainText('["Read the syllabus","Meet your team"]');
    await expectAccessible(page);
    await page.getByLabel('What').selectOption('course.member.');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect(entries.locator('strong')).toHaveText([
      'course.member.upsert',
      'course.member.upsert',
    ]);
  });
});

test('two admins change one course: the second sees the conflict and applies the change on top', async ({
  page,
}) => {
  await signInViaApi(page, DEV_USERS.admin);
  // A course of its own, so that nothing another suite reads is touched.
  const created = await page.request.post('/api/courses', {
    headers: CSRF,
    data: { slug: `conflict-${Date.now().toString(36)}`, title: 'Conflict course' },
  });
  const courseId = (await created.json()).id as string;
  for (const title of ['Welcome', 'Team kick-off']) {
    const added = await page.request.post(`/api/courses/${courseId}/phases`, {
      headers: { ...CSRF, 'if-match': '*' },
      data: { phase: INTRO_COURSE.name, title },
    });
    expect(added.status()).toBe(201);
  }
  await page.goto(`/admin/courses/${courseId}`);
  const kickOff = page.getByRole('listitem', { name: 'Team kick-off' });
  await expect(kickOff).toBeVisible();

  // Another admin renames a phase after this page read the composition.
  const composition = await page.request.get(`/api/courses/${courseId}/composition`);
  const phases = (await composition.json()).phases as { id: string; title: string }[];
  const welcome = phases.find((p) => p.title === 'Welcome');
  const renamed = await page.request.patch(`/api/courses/${courseId}/phases/${welcome?.id}`, {
    headers: { ...CSRF, 'if-match': String(composition.headers().etag) },
    data: { title: 'Welcome aboard' },
  });
  expect(renamed.status()).toBe(200);

  // A click, not uncheck(): the refusal puts the box back, which is the point.
  await kickOff.getByLabel('Shown to students').click();
  const notice = page.getByRole('alert').filter({ hasText: 'Someone else changed this course' });
  await expect(notice).toBeVisible();
  // The screen now shows the other admin's change, and this one is not lost.
  await expect(rowTitles(page).first()).toHaveText('Welcome aboard');
  await expect(kickOff.getByLabel('Shown to students')).toBeChecked();
  await expectAccessible(page);
  await notice.getByRole('button', { name: 'Apply my change again' }).click();
  await expect(notice).toBeHidden();
  await expect(kickOff.getByLabel('Shown to students')).not.toBeChecked();
  const after = await page.request.get(`/api/courses/${courseId}/composition`);
  expect(
    ((await after.json()).phases as { title: string; enabled: boolean }[]).map((p) => [
      p.title,
      p.enabled,
    ]),
  ).toEqual([
    ['Welcome aboard', true],
    ['Team kick-off', false],
  ]);
});
