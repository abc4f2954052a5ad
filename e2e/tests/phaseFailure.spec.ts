/**
 * Failure is normal: a phase whose manifest is missing (a 404, which nothing retries by itself)
 * shows an error that names it, with a Retry button, while the shell and its navigation keep
 * working; Retry recovers once the file is back, without a page reload. The fault matrix
 * (faultMatrix.spec.ts) covers every other fault.
 */
import { signInViaApi } from '../fixtures/auth.js';
import { expect, test } from '../fixtures/test.js';
import { DEV_USERS, INTRO_COURSE, SAMPLE_COURSE } from '../fixtures/users.js';

// Every request for the manifest, whatever its query: later attempts add a cache-busting one
// (`?ck-load=N`), and a missing file stays missing until the test puts it back.
const MANIFEST = new RegExp(
  `/remotes/${INTRO_COURSE.name}/${INTRO_COURSE.version.replaceAll('.', '\\.')}/mf-manifest\\.json(\\?.*)?$`,
);

test('a phase whose manifest is missing shows a named error with Retry, and Retry recovers', async ({
  page,
  network,
}) => {
  await signInViaApi(page, DEV_USERS.student);
  await page.route(MANIFEST, (route) => route.fulfill({ status: 404, body: 'Not Found' }));

  await page.goto('/courses');
  await page.getByRole('link', { name: SAMPLE_COURSE.title }).click();
  const outlet = page.getByTestId('phase-outlet');
  const alert = outlet.getByRole('alert');
  await expect(alert).toBeVisible();
  await expect(alert).toContainText('Welcome');
  await expect(alert.getByRole('button', { name: 'Retry' })).toBeVisible();

  // The shell around the failed phase still works.
  await expect(page.getByRole('heading', { name: SAMPLE_COURSE.title, exact: true })).toBeVisible();
  const nav = page.getByRole('navigation', { name: 'Course phases' });
  await expect(nav.getByRole('link')).toHaveText([...SAMPLE_COURSE.phases]);
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();

  await page.evaluate(() => {
    (window as unknown as { __ckMarker?: string }).__ckMarker = 'same page';
  });
  const documentsBefore = network.documents().length;
  await page.unroute(MANIFEST);
  await alert.getByRole('button', { name: 'Retry' }).click();
  await expect(
    outlet.getByRole('heading', { name: `Welcome to ${SAMPLE_COURSE.title}` }),
  ).toBeVisible();
  await expect(outlet.getByRole('alert')).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { __ckMarker?: string }).__ckMarker)).toBe(
    'same page',
  );
  expect(network.documents()).toHaveLength(documentsBefore);
});
