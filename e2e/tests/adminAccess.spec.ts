/**
 * Who gets the admin console: a lecturer manages their own course and nothing else (no catalogue,
 * no other course, in the UI and over the API), at phone width too; a student gets no admin route,
 * no link and no admin API. The pages pass axe-core without serious or critical violations.
 */
import { signInViaApi } from '../fixtures/auth.js';
import { seriousA11yViolations } from '../fixtures/axe.js';
import { expect, test } from '../fixtures/test.js';
import { DEV_USERS, SAMPLE_COURSE } from '../fixtures/users.js';

test('a lecturer manages only their own course, also on a 390 px wide screen', async ({
  page,
  request,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  // A course the lecturer does not teach.
  await signInViaApi(request, DEV_USERS.admin);
  const other = await request.post('/api/courses', {
    headers: { 'x-coursekit-csrf': '1' },
    data: { slug: `not-yours-${Date.now().toString(36)}`, title: 'Not yours' },
  });
  expect(other.status()).toBe(201);
  const otherId = (await other.json()).id as string;

  await signInViaApi(page, DEV_USERS.lecturer);
  await page.goto('/courses');
  await page.getByRole('link', { name: 'Administration' }).click();
  await expect(page.getByRole('heading', { name: 'Courses you manage' })).toBeVisible();
  const admin = page.getByRole('navigation', { name: 'Administration' });
  await expect(admin.getByRole('link', { name: 'Phase catalogue' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'New course' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Not yours' })).toHaveCount(0);
  await page.getByRole('link', { name: SAMPLE_COURSE.title }).click();
  await expect(page.getByRole('heading', { name: 'Composition' })).toBeVisible();
  await expect(page.getByRole('listitem', { name: 'Team kick-off' })).toBeVisible();
  // Nothing wider than the phone.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  expect(await seriousA11yViolations(page)).toEqual([]);
  await page.getByRole('link', { name: 'Members' }).click();
  await expect(page.getByText(/^Showing 1–\d+ of \d+ members$/)).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  expect(await seriousA11yViolations(page)).toEqual([]);

  for (const path of [
    '/admin/catalogue',
    '/admin/audit',
    '/admin/courses/new',
    `/admin/courses/${otherId}`,
  ]) {
    await page.goto(path);
    await expect(page.getByRole('heading', { name: 'Not allowed' })).toBeVisible();
  }
  for (const path of [
    '/api/admin/catalogue',
    '/api/admin/audit',
    `/api/courses/${otherId}/composition`,
    `/api/courses/${otherId}/members`,
    `/api/courses/${otherId}/audit`,
  ]) {
    expect((await page.request.get(path)).status(), path).toBe(403);
  }
});

test('a student gets no admin route, link or API', async ({ page }) => {
  await signInViaApi(page, DEV_USERS.student);
  await page.goto('/courses');
  await expect(page.getByRole('heading', { name: 'Your courses' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Administration' })).toHaveCount(0);
  const courseId = ((await (await page.request.get('/api/courses')).json()) as { id: string }[])[0]
    ?.id;

  for (const path of [
    '/admin',
    '/admin/catalogue',
    `/admin/courses/${courseId}`,
    `/admin/courses/${courseId}/members`,
  ]) {
    await page.goto(path);
    await expect(page.getByRole('heading', { name: 'Not allowed' })).toBeVisible();
    await expect(page).toHaveTitle('Not allowed · Coursekit');
  }
  expect(await seriousA11yViolations(page)).toEqual([]);
  for (const [method, path] of [
    ['GET', '/api/admin/catalogue'],
    ['GET', `/api/courses/${courseId}/composition`],
    ['GET', `/api/courses/${courseId}/members`],
    ['GET', `/api/courses/${courseId}/audit`],
    ['POST', '/api/courses'],
  ] as const) {
    const response = await page.request.fetch(path, {
      method,
      headers: { 'x-coursekit-csrf': '1' },
      ...(method === 'POST' ? { data: { slug: 'nope', title: 'Nope' } } : {}),
    });
    expect(response.status(), `${method} ${path}`).toBe(403);
  }
});

test('/courses/new is no course id: it leads to creating a course', async ({ page }) => {
  await signInViaApi(page, DEV_USERS.admin);
  await page.goto('/courses/new');
  await expect(page).toHaveURL(/\/admin\/courses\/new$/);
  await expect(page.getByRole('heading', { name: 'New course' })).toBeVisible();
});
