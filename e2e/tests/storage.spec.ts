/**
 * Core storage end to end, with two people at two browsers: the lecturer adds a step to the
 * Welcome checklist and saves it, the student sees the step, ticks it, and the tick is still
 * there after a reload; the lecturer's "Student progress" table then shows it. A tick shows the
 * moment it is clicked even while the network holds its save, and is undone, with a message,
 * when the save fails. Real Chromium, the registry's real storage routes and database.
 */
import { signInViaApi } from '../fixtures/auth.js';
import { currentUser, openSignedInPage } from '../fixtures/signedInContext.js';
import { expect, test } from '../fixtures/test.js';
import { DEV_USERS } from '../fixtures/users.js';
import { welcomePhasePath } from '../fixtures/welcomePhase.js';

test('the lecturer’s checklist reaches the student, and the student’s tick reaches the lecturer', async ({
  page: lecturer,
  browser,
  baseURL,
}) => {
  await signInViaApi(lecturer, DEV_USERS.lecturer);
  const phasePath = await welcomePhasePath(lecturer);
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

test('a tick shows the moment it is clicked on a slow network, and one that cannot be saved is undone with a message', async ({
  page,
}) => {
  await signInViaApi(page, DEV_USERS.student3);
  await page.goto(await welcomePhasePath(page));
  const outlet = page.getByTestId('phase-outlet');
  await expect(outlet.getByRole('heading', { name: 'First steps' })).toBeVisible();
  const boxes = outlet.getByRole('checkbox');
  const steps = await boxes.count();
  // Start from no ticks, whatever an earlier test or run left behind.
  for (const box of await outlet.getByRole('checkbox', { checked: true }).all()) {
    await box.uncheck();
  }
  await expect(outlet.getByText(`0 of ${steps} done`)).toBeVisible();

  // The network, not our code, is shaped: each save to the student's own document waits in the
  // route until the test lets it go (or drops it, as a lost connection would).
  const ownDocument = /\/api\/course-phases\/[^/]+\/participants\/[^/]+\/data\/own$/;
  const held: { resolve: (how: 'continue' | 'abort') => void }[] = [];
  await page.route(ownDocument, async (route) => {
    if (route.request().method() !== 'PUT') return route.continue();
    const how = await new Promise<'continue' | 'abort'>((resolve) => held.push({ resolve }));
    return how === 'continue' ? route.continue() : route.abort('internetdisconnected');
  });
  const nextHeldSave = async () => {
    await expect.poll(() => held.length, { message: 'a save should reach the network' }).toBe(1);
    const [save] = held.splice(0, 1);
    if (!save) throw new Error('unreachable: one save is held');
    return save;
  };

  await test.step('the tick shows while its save is still on the way', async () => {
    const first = boxes.first();
    // Read the box in the very task of the click: Playwright's check() reads it one round trip
    // later, which on a busy machine came too soon ("Clicking the checkbox did not change its
    // state") while the tick waited for the cache to notify; a user saw the same lag.
    const tickedAtOnce = await first.evaluate((box: HTMLInputElement) => {
      box.click();
      return box.checked;
    });
    expect(tickedAtOnce, 'the box is ticked as soon as the click is handled').toBe(true);
    await expect(outlet.getByText(`1 of ${steps} done`)).toBeVisible();
    const save = await nextHeldSave();
    await expect(first).toBeChecked();
    const answered = page.waitForResponse(
      (response) => response.request().method() === 'PUT' && ownDocument.test(response.url()),
    );
    save.resolve('continue');
    expect((await answered).status()).toBe(200);
    await page.reload();
    await expect(outlet.getByRole('checkbox').first()).toBeChecked();
  });

  await test.step('a tick whose save fails is undone, and the student is told', async () => {
    const second = boxes.nth(1);
    await second.check();
    await expect(outlet.getByText(`2 of ${steps} done`)).toBeVisible();
    (await nextHeldSave()).resolve('abort');
    await expect(outlet.getByRole('alert')).toHaveText(
      'Your last tick could not be saved, so it was undone: The server could not be reached; check your connection. Please try again.',
    );
    await expect(second).not.toBeChecked();
    await expect(outlet.getByText(`1 of ${steps} done`)).toBeVisible();
  });

  await page.unroute(ownDocument);
});
