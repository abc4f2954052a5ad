/**
 * The lost update in the browser, end to end: two tabs of lecturers on the Welcome checklist.
 * Tab A keeps an unsaved draft; tab B adds a step and saves; tab A is hidden and shown again, so
 * react-query reads the checklist again in the background and its cached version moves past the
 * draft's. Saving A must not overwrite B's step: the registry refuses the draft's old version,
 * the conflict dialog shows what B changed, and "Merge and save" stores both edits, as a third
 * browser sees after loading the page. Real Chromium, the registry's storage and database.
 */
import type { Page } from '@playwright/test';
import { signInViaApi } from '../fixtures/auth.js';
import { openSignedInPage } from '../fixtures/signedInContext.js';
import { expect, test } from '../fixtures/test.js';
import { DEV_USERS } from '../fixtures/users.js';
import { welcomePhasePath } from '../fixtures/welcomePhase.js';

/** Add a step to the lecturer's draft of the checklist. */
async function addStep(page: Page, label: string): Promise<void> {
  const outlet = page.getByTestId('phase-outlet');
  await outlet.getByRole('textbox', { name: 'New step' }).fill(label);
  await outlet.getByRole('button', { name: 'Add step' }).click();
  await expect(outlet.getByRole('textbox', { name: /^Step \d+$/ }).last()).toHaveValue(label);
}

/**
 * The user switches to another tab and back. Headless Chromium never hides a page (minimising its
 * window or bringing another tab to the front leaves it "visible"), so the test plays the
 * browser's part: `document.visibilityState` turns hidden and visible again, each time with the
 * bubbling `visibilitychange` event a real tab switch fires, which react-query's focus refetch
 * listens for. Everything after that is the application's own code.
 */
async function switchAwayAndBack(page: Page): Promise<void> {
  await page.evaluate(() => {
    const show = (state: 'hidden' | 'visible') => {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
      Object.defineProperty(document, 'hidden', {
        configurable: true,
        get: () => state === 'hidden',
      });
      document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
    };
    show('hidden');
    show('visible');
    // Back to the browser's own properties.
    Reflect.deleteProperty(document, 'visibilityState');
    Reflect.deleteProperty(document, 'hidden');
  });
}

test('a draft saved after the tab caught up with a colleague’s save shows their change and merges, never overwrites', async ({
  page: tabA,
  browser,
  baseURL,
}) => {
  await signInViaApi(tabA, DEV_USERS.lecturer);
  const phasePath = await welcomePhasePath(tabA);
  const run = Date.now().toString(36);
  const mine = `Bring a laptop (${run})`;
  const theirs = `Bring your student card (${run})`;
  // The host keeps documents fresh for 30 s; the tab's clock moves on instead of the test waiting.
  await tabA.clock.install();
  const tabB = await openSignedInPage(browser, baseURL, DEV_USERS.lecturer);
  const a = tabA.getByTestId('phase-outlet');
  const b = tabB.page.getByTestId('phase-outlet');

  await test.step('tab A keeps an unsaved draft', async () => {
    await tabA.goto(phasePath);
    await expect(a.getByRole('heading', { name: 'First steps' })).toBeVisible();
    await addStep(tabA, mine);
    await expect(a.getByText('You have unsaved changes.')).toBeVisible();
  });

  await test.step('tab B adds a step and saves', async () => {
    await tabB.page.goto(phasePath);
    await expect(b.getByRole('heading', { name: 'First steps' })).toBeVisible();
    await addStep(tabB.page, theirs);
    await b.getByRole('button', { name: 'Save checklist' }).click();
    await expect(b.getByText('Checklist saved.')).toBeVisible();
  });

  await test.step('tab A regains focus and reads the checklist again under its draft', async () => {
    await tabA.clock.fastForward('00:31');
    const reread = tabA.waitForResponse(
      (response) =>
        response.request().method() === 'GET' &&
        /\/api\/course-phases\/[^/]+\/data\/shared$/.test(new URL(response.url()).pathname),
    );
    await switchAwayAndBack(tabA);
    expect((await reread).status()).toBe(200);
    await expect(
      a.getByText(
        'Someone else saved the checklist since you began editing; saving shows what they changed.',
      ),
    ).toBeVisible();
    // The draft is still what A typed.
    await expect(a.getByRole('textbox', { name: /^Step \d+$/ }).last()).toHaveValue(mine);
  });

  await test.step('saving A shows B’s change instead of overwriting it', async () => {
    const saved = tabA.waitForResponse(
      (response) =>
        response.request().method() === 'PUT' &&
        /\/api\/course-phases\/[^/]+\/data\/shared$/.test(new URL(response.url()).pathname),
    );
    await a.getByRole('button', { name: 'Save checklist' }).click();
    expect((await saved).status()).toBe(409);
    const dialog = a.getByRole('alert', { name: /Someone else saved the checklist/ });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole('list', { name: 'Their changes' })).toContainText(
      `added “${theirs}”`,
    );
    await dialog.getByRole('button', { name: 'Merge and save' }).click();
    await expect(a.getByText('Checklist saved.')).toBeVisible();
    await expect(dialog).toBeHidden();
  });

  await test.step('a third browser loads both steps', async () => {
    const student = await openSignedInPage(browser, baseURL, DEV_USERS.student);
    await student.page.goto(phasePath);
    const outlet = student.page.getByTestId('phase-outlet');
    await expect(outlet.getByRole('checkbox', { name: mine })).toBeVisible();
    await expect(outlet.getByRole('checkbox', { name: theirs })).toBeVisible();
    expect(student.pageErrors).toEqual([]);
    await student.close();
  });

  expect(tabB.pageErrors).toEqual([]);
  await tabB.close();
});
