/**
 * The fault matrix: faults injected for real by a server of a real built phase (fixtures/
 * faultServer.ts, registered as a phase version at its own origin) and by the network (the
 * registry cut off). For each: the shell and a healthy phase stay usable, the failing phase shows
 * its stage's message within its budget (the e2e registry sets a 6 s budget), and once the fault
 * is removed the phase recovers without a page reload, by itself where the fault can go away by
 * itself and by Retry where someone had to act.
 */
import type { APIRequestContext, Page } from '@playwright/test';
import { signInViaApi } from '../fixtures/auth.js';
import {
  addLabPhases,
  CSRF,
  expectNoScriptNoise,
  expectSameDocument,
  expectShellAndHealthyPhaseUsable,
  healthyHeading,
  LAB_COURSE,
  labCourse,
  markDocument,
  openPhase,
  phaseSlot,
  watchConsole,
} from '../fixtures/faultLab.js';
import { FAULT_PHASE_VERSION, type Fault, type FaultServer } from '../fixtures/faultServer.js';
import { expect, test } from '../fixtures/test.js';
import { DEV_USERS, INTRO_COURSE } from '../fixtures/users.js';

const FAULTY = 'Faulty phase';

/** Register the fault server's build, and add a faulty course phase pinned to it. */
async function setUpFaultLab(request: APIRequestContext, faults: FaultServer): Promise<string> {
  await signInViaApi(request, DEV_USERS.admin);
  const versions = await request.get(`/api/phase-types/${INTRO_COURSE.name}/versions`);
  const known = ((await versions.json()) as { version: string }[]).some(
    (v) => v.version === FAULT_PHASE_VERSION,
  );
  if (!known) {
    const registered = await request.post(`/api/phase-types/${INTRO_COURSE.name}/versions`, {
      headers: CSRF,
      data: { descriptorUrl: `${faults.phaseUrl}phase.json` },
    });
    expect(registered.status(), await registered.text()).toBe(201);
  }
  const courseId = await labCourse(request);
  await addLabPhases(request, courseId, [
    { title: FAULTY, phase: INTRO_COURSE.name, pin: FAULT_PHASE_VERSION },
  ]);
  return courseId;
}

async function setFault(page: Page, faults: FaultServer, fault: Fault | null): Promise<void> {
  const response = fault
    ? await page.request.put(`${faults.url}/__fault/${fault}`)
    : await page.request.delete(`${faults.url}/__fault`);
  expect(response.status()).toBe(204);
}

const openFaulty = (page: Page) => openPhase(page, FAULTY);

let courseId = '';

test.beforeAll(async ({ playwright, baseURL, faultServer }) => {
  const request = await playwright.request.newContext({ baseURL });
  try {
    courseId = await setUpFaultLab(request, faultServer);
  } finally {
    await request.dispose();
  }
});

test.beforeEach(async ({ page, faultServer }) => {
  await setFault(page, faultServer, null);
  await signInViaApi(page, DEV_USERS.student);
});

interface Case {
  fault: Fault;
  stage: string;
  headline: RegExp;
  /** Whether Coursekit recovers by itself once the fault is gone (else the user clicks Retry). */
  recoversByItself: boolean;
}

const CASES: Case[] = [
  {
    fault: 'manifest-404',
    stage: 'manifest',
    headline: /“Faulty phase” could not be reached\./,
    recoversByItself: false,
  },
  {
    fault: 'manifest-500',
    stage: 'manifest',
    headline: /“Faulty phase” could not be reached\./,
    recoversByItself: true,
  },
  {
    fault: 'entry-hang',
    stage: 'entry',
    headline: /“Faulty phase” did not load within \d+(\.\d)? seconds\./,
    recoversByItself: true,
  },
  {
    // Bytes that are not the published ones are refused before they run, whatever they are: an
    // entry that is not JavaScript but was published so (hash-correct) is the entry stage, in
    // faultMatrixReleases.spec.ts.
    fault: 'entry-garbage',
    stage: 'integrity',
    headline: /“Faulty phase” was blocked for your safety\./,
    recoversByItself: false,
  },
  {
    fault: 'tamper-chunk',
    stage: 'integrity',
    headline: /“Faulty phase” was blocked for your safety\./,
    recoversByItself: false,
  },
];

for (const { fault, stage, headline, recoversByItself } of CASES) {
  test(`fault ${fault}: contained, told at the ${stage} stage, recovered without a reload`, async ({
    page,
    faultServer,
  }) => {
    await setFault(page, faultServer, fault);
    const logged = watchConsole(page);
    await page.goto(`/courses/${courseId}`);
    await expect(healthyHeading(page)).toBeVisible();
    await markDocument(page);

    await openFaulty(page);
    const alert = phaseSlot(page).getByRole('alert');
    await expect(alert).toHaveAttribute('data-stage', stage);
    await expect(alert.locator('.ck-error-title')).toHaveText(headline);
    await expect(alert).not.toContainText(/RUNTIME|Federation/);
    await expect(alert.getByText('Technical details')).toBeVisible();
    expect(
      await page.evaluate(
        () => (globalThis as unknown as { __ckTampered?: boolean }).__ckTampered ?? false,
      ),
      'no byte of a changed file ran',
    ).toBe(false);

    await expectShellAndHealthyPhaseUsable(page);
    await openFaulty(page);
    await expect(phaseSlot(page).getByRole('alert')).toHaveAttribute('data-stage', stage);

    await setFault(page, faultServer, null);
    if (!recoversByItself) await phaseSlot(page).getByRole('button', { name: 'Retry' }).click();
    await expect(healthyHeading(page)).toBeVisible({ timeout: 20_000 });
    await expect(phaseSlot(page).getByRole('alert')).toHaveCount(0);
    await expect(page).toHaveTitle(`${FAULTY} · ${LAB_COURSE.title} · Coursekit`);
    await expectSameDocument(page);
    expectNoScriptNoise(logged);
  });
}

test('registry down while the page is open: the shell says so, keeps working, and recovers', async ({
  page,
}) => {
  await page.goto(`/courses/${courseId}`);
  await expect(healthyHeading(page)).toBeVisible();
  await markDocument(page);

  await page.route('**/api/**', (route) => route.abort('connectionrefused'));
  // A navigation revalidates the resolve answer: it fails, and what is open keeps working.
  await openFaulty(page);
  await expect(page.getByRole('status').filter({ hasText: 'cannot be reached' })).toBeVisible();
  await expect(healthyHeading(page)).toBeVisible();

  await page.unroute('**/api/**');
  await expect(page.getByRole('status').filter({ hasText: 'cannot be reached' })).toHaveCount(0, {
    timeout: 20_000,
  });
  await expectSameDocument(page);
});

test('registry down at boot: a clear state, then the app once it is back, without a reload', async ({
  page,
}) => {
  // A course page the registry serves carries the user's session and course, and renders from
  // them; down at boot is a page that carries none (a shell a cache or another server kept) and
  // an API that does not answer.
  await page.route(`**/courses/${courseId}`, async (route) => {
    const response = await route.fetch();
    const body = (await response.text()).replace(
      /<script type="application\/json"[^>]*>.*?<\/script>/s,
      '',
    );
    expect(body).not.toContain('application/json');
    await route.fulfill({ response, body });
  });
  await page.route('**/api/**', (route) => route.abort('connectionrefused'));
  await page.goto(`/courses/${courseId}`);
  await expect(page.getByRole('alert')).toContainText('could not be checked');
  await expect(page.getByRole('status').filter({ hasText: 'cannot be reached' })).toBeVisible();
  await markDocument(page);

  await page.unroute('**/api/**');
  await expect(healthyHeading(page)).toBeVisible({ timeout: 20_000 });
  await expectSameDocument(page);
});
