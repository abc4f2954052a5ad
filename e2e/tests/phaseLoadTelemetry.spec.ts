/**
 * Phase-load telemetry end to end: a student's browser reports that it loaded the Welcome phase,
 * and an admin reads it over the API, counted for the intro-course version the student ran.
 */
import { request as apiRequest } from '@playwright/test';
import { findCourse, resolvePhases } from '../fixtures/api.js';
import { signInViaApi } from '../fixtures/auth.js';
import { openSignedInPage } from '../fixtures/signedInContext.js';
import { expect, test } from '../fixtures/test.js';
import { DEV_USERS, INTRO_COURSE, SAMPLE_COURSE } from '../fixtures/users.js';

interface Stat {
  phase: string;
  version: string;
  outcome: string;
  count: number;
}

test('a phase load in a student’s browser is counted for its version, and admins can read it', async ({
  browser,
  baseURL,
}) => {
  const admin = await apiRequest.newContext({ baseURL });
  await signInViaApi(admin, DEV_USERS.admin);
  const loadedCount = async () => {
    const response = await admin.get(`/api/admin/phase-loads?phase=${INTRO_COURSE.name}`);
    expect(response.ok()).toBe(true);
    const { items } = (await response.json()) as { items: Stat[] };
    return items
      .filter((s) => s.version === INTRO_COURSE.version && s.outcome === 'loaded')
      .reduce((sum, s) => sum + s.count, 0);
  };
  const before = await loadedCount();

  const student = await openSignedInPage(browser, baseURL, DEV_USERS.student3);
  const { page } = student;
  const course = await findCourse(page, SAMPLE_COURSE.title);
  const [welcome] = await resolvePhases(page, course.id);
  await page.goto(`/courses/${course.id}/${welcome?.coursePhaseId}`);
  await expect(page.getByRole('heading', { name: 'Welcome' }).first()).toBeVisible();

  // The host sends its reports within a second of the load; the admin sees them then.
  await expect.poll(loadedCount).toBeGreaterThan(before);
  expect(student.pageErrors).toEqual([]);
  await student.close();
  await admin.dispose();
});
