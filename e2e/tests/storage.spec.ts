/**
 * Core storage end to end, with two people at two browsers: the lecturer adds a step to the
 * Welcome checklist and saves it, the student sees the step, ticks it, and the tick is still
 * there after a reload; the lecturer's "Student progress" table then shows it. Real Chromium,
 * the registry's real storage routes and database.
 */
import { findCourse, resolvePhases } from '../fixtures/api.js';
import { signInViaApi } from '../fixtures/auth.js';
import { currentUser, openSignedInPage } from '../fixtures/signedInContext.js';
import { expect, test } from '../fixtures/test.js';
import { DEV_USERS, SAMPLE_COURSE } from '../fixtures/users.js';

test('the lecturer’s checklist reaches the student, and the student’s tick reaches the lecturer', async ({
  page: lecturer,
  browser,
  baseURL,
}) => {
  await signInViaApi(lecturer, DEV_USERS.lecturer);
  const course = await findCourse(lecturer, SAMPLE_COURSE.title);
  const [welcome] = await resolvePhases(lecturer, course.id);
  if (!welcome) throw new Error('the sample course should have a first phase');
  const phasePath = `/courses/${course.id}/${welcome.coursePhaseId}`;
  // Unique per run, so that a reused server (a local rerun) cannot satisfy the test by itself.
  const label = `Bring a laptop (${Date.now().toString(36)})`;

  const student = await openSignedInPage(browser, baseURL, DEV_USERS.student2);
  const studentName = (await currentUser(student.page)).name;
  let steps = 0;

  await test.step('the lecturer adds a step and saves the checklist', async () => {
    await lecturer.goto(phasePath);
    const outlet = lecturer.getByTestId('phase-outlet');
    await expect(outlet.getByRole('heading', { name: 'First steps' })).toBeVisible();
    const before = await outlet.getByRole('textbox', { name: /^Step \d+$/ }).count();
    await outlet.getByRole('textbox', { name: 'New step' }).fill(label);
    await outlet.getByRole('button', { name: 'Add step' }).click();
    await expect(outlet.getByRole('textbox', { name: `Step ${before + 1}` })).toHaveValue(label);
    await expect(outlet.getByText('You have unsaved changes.')).toBeVisible();
    await outlet.getByRole('button', { name: 'Save checklist' }).click();
    await expect(outlet.getByText('Checklist saved.')).toBeVisible();
    steps = before + 1;
  });

  await test.step('the student sees the new step and ticks it', async () => {
    const { page } = student;
    await page.goto(phasePath);
    const outlet = page.getByTestId('phase-outlet');
    await expect(outlet.getByRole('heading', { name: 'First steps' })).toBeVisible();
    const newStep = outlet.getByRole('checkbox', { name: label });
    await expect(newStep).toBeVisible();
    await expect(outlet.getByRole('checkbox')).toHaveCount(steps);
    await expect(newStep).not.toBeChecked();
    // Start from no ticks, whatever an earlier test or run left behind.
    for (const box of await outlet.getByRole('checkbox', { checked: true }).all()) {
      await box.uncheck();
    }
    await expect(outlet.getByText(`0 of ${steps} done`)).toBeVisible();

    const saved = page.waitForResponse(
      (response) =>
        response.request().method() === 'PUT' &&
        /\/participants\/[^/]+\/data\/own$/.test(new URL(response.url()).pathname),
    );
    await newStep.check();
    await expect(outlet.getByText(`1 of ${steps} done`)).toBeVisible();
    expect((await saved).status()).toBe(200);
  });

  await test.step('the tick is still there after a reload', async () => {
    const { page } = student;
    await page.reload();
    const outlet = page.getByTestId('phase-outlet');
    await expect(outlet.getByRole('checkbox', { name: label })).toBeChecked();
    await expect(outlet.getByText(`1 of ${steps} done`)).toBeVisible();
  });

  await test.step('the lecturer’s progress table shows the student’s tick', async () => {
    const outlet = lecturer.getByTestId('phase-outlet');
    await outlet.getByRole('button', { name: 'Refresh' }).click();
    const table = outlet.getByRole('table', { name: 'Student progress' });
    const row = table.getByRole('row', { name: new RegExp(studentName) });
    await expect(row.getByRole('cell')).toHaveText(`1 of ${steps} done`);
    // Every student of the course is listed, ticks or not.
    await expect(table.getByRole('row')).toHaveCount(1 + 3);
  });

  expect(student.pageErrors.map((error) => error.stack ?? error.message)).toEqual([]);
  await student.close();
});
