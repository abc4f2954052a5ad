/**
 * Publishing rights in the admin console, in Chromium: an admin makes a developer the publisher of
 * one phase and creates an API token for them, which is shown once; the token publishes nothing
 * but that phase (the registry names both phases), and once revoked in the console it is refused.
 * axe-core finds no serious or critical violation on the page.
 */
import type { APIResponse, Page } from '@playwright/test';
import { signInViaApi } from '../fixtures/auth.js';
import { seriousA11yViolations } from '../fixtures/axe.js';
import { expect, test } from '../fixtures/test.js';
import { DEV_USERS, INTRO_COURSE } from '../fixtures/users.js';

/** Upload the seeded intro-course's phase.json with `token`: enough for the registry to decide. */
async function publishWith(page: Page, token: string): Promise<APIResponse> {
  const descriptor = await page.request.get(
    `/remotes/${INTRO_COURSE.name}/${INTRO_COURSE.version}/phase.json`,
  );
  const files = { 'phase.json': Buffer.from(await descriptor.body()).toString('base64') };
  return page.request.fetch('/api/phase-bundles', {
    method: 'POST',
    // Only the token: the page's session cookie must play no part.
    headers: { 'x-coursekit-csrf': '1', authorization: `Bearer ${token}`, cookie: '' },
    data: { files },
  });
}

test('an admin grants a publisher, creates a token shown once, and revokes it', async ({
  page,
}) => {
  const phase = `peer-review-${Date.now().toString(36)}`;
  await signInViaApi(page, DEV_USERS.admin);
  await page.goto('/admin');
  await page
    .getByRole('navigation', { name: 'Administration' })
    .getByRole('link', { name: 'Publishing' })
    .click();
  await expect(page).toHaveTitle('Publishing · Coursekit');

  await test.step('makes a developer the publisher of one phase', async () => {
    const form = page.locator('form', {
      has: page.getByRole('button', { name: 'Make publisher' }),
    });
    await form.getByLabel('Phase').fill(phase);
    await form.getByLabel('Email').fill(DEV_USERS.student);
    await form.getByRole('button', { name: 'Make publisher' }).click();
    await expect(page.getByRole('status')).toHaveText(`${DEV_USERS.student} may publish ${phase}.`);
    await expect(
      page.getByRole('list', { name: 'Phase publishers' }).getByText(phase, { exact: true }),
    ).toBeVisible();
  });

  let token = '';
  await test.step('creates a token for them, shown once', async () => {
    const form = page.locator('form', { has: page.getByRole('button', { name: 'Create token' }) });
    await form.getByLabel('For (email)').fill(DEV_USERS.student);
    await form.getByLabel('Name').fill(`${phase} CI`);
    await form.getByLabel('Phase').fill('another-phase');
    await form.getByRole('button', { name: 'Create token' }).click();
    // Not a publisher of that phase: the field says why.
    await expect(form.getByLabel('Phase')).toHaveAttribute('aria-invalid', 'true');
    await expect(form.getByText(/not a publisher of "another-phase"/)).toBeVisible();

    await form.getByLabel('Phase').fill(phase);
    await form.getByRole('button', { name: 'Create token' }).click();
    const secret = page.getByRole('status', { name: 'New API token' });
    await expect(secret).toHaveText(/^ckp_[\w-]{43}$/);
    token = (await secret.textContent()) ?? '';
    const listed = page
      .getByRole('list', { name: 'API tokens' })
      .getByRole('listitem')
      .filter({ hasText: `${phase} CI` });
    await expect(listed).toContainText(`${DEV_USERS.student} · ${phase} · valid until`);
    await expect(listed).toContainText('never used');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  await test.step('the token publishes its phase only', async () => {
    const refused = await publishWith(page, token);
    expect(refused.status()).toBe(403);
    const problem = await refused.json();
    expect(problem.code).toBe('CK_NOT_PUBLISHER');
    expect(problem.detail).toContain(`may publish "${phase}" only, not "${INTRO_COURSE.name}"`);
  });

  await test.step('revoked in the console, it is refused; its secret is never shown again', async () => {
    await page.reload();
    await expect(page.getByText(token)).toHaveCount(0);
    const listed = page
      .getByRole('list', { name: 'API tokens' })
      .getByRole('listitem')
      .filter({ hasText: `${phase} CI` });
    await expect(listed).toContainText('last used');
    await listed.getByRole('button', { name: `Revoke ${phase} CI` }).click();
    await expect(listed).toContainText('revoked');
    const refused = await publishWith(page, token);
    expect(refused.status()).toBe(401);
    expect((await refused.json()).detail).toMatch(/was revoked/);
  });
});
