/**
 * The fault matrix, faults that ship in a release: genuine builds of the fault lab phase
 * (fault-phase/), each a registered version whose hashes match its files, served by the fault
 * server at its own origin. A course phase of the lab's course is pinned to each faulty version.
 * For each: the shell and a healthy phase stay usable, the failing phase shows its stage's message
 * within its budget, and once an administrator pins the fixed version, the phase recovers without
 * a page reload: by Retry where retrying can help, and by the next navigation into it where it
 * cannot (a phase built for another SDK line is offered no Retry).
 *
 * And the phase's own server behind the core's gateway (fixtures/labServer.ts), down (502) or
 * slow (504 after the gateway's time-out): the phase stays open, its slot says that its server is
 * not answering, and once the server is back the notice goes and the phase shows its server's
 * answer, by itself.
 */
import type { APIRequestContext } from '@playwright/test';
import { FAULT_BUILDS, type FaultBuild } from '../fault-phase/buildFaultPhases.js';
import { signInViaApi } from '../fixtures/auth.js';
import {
  addLabPhases,
  expectNoScriptNoise,
  expectSameDocument,
  expectShellAndHealthyPhaseUsable,
  healthyHeading,
  labCourse,
  markDocument,
  openPhase,
  phaseSlot,
  pinCoursePhase,
  registerFaultLab,
  watchConsole,
} from '../fixtures/faultLab.js';
import { LAB_STATUS_MESSAGE } from '../fixtures/labServer.js';
import { expect, test } from '../fixtures/test.js';
import { DEV_USERS } from '../fixtures/users.js';

interface Case {
  build: Exclude<FaultBuild, 'healthy'>;
  stage: string;
  headline: string;
  /** Whether Retry is offered (it is not where retrying cannot help). */
  retry: boolean;
}

const CASES: Case[] = [
  { build: 'render-throws', stage: 'render', headline: 'stopped working.', retry: true },
  { build: 'no-expose', stage: 'expose', headline: 'is not a usable phase.', retry: true },
  { build: 'wrong-export', stage: 'expose', headline: 'is not a usable phase.', retry: true },
  {
    build: 'sdk-mismatch',
    stage: 'sdk',
    headline: 'was built for another version of Coursekit.',
    retry: false,
  },
  // Hash-correct bytes that are not JavaScript: the entry stage, not integrity.
  { build: 'entry-not-js', stage: 'entry', headline: 'could not be started.', retry: true },
];

const titleOf = (build: FaultBuild) => `Lab ${build}`;
const SERVER_LAB = 'Lab server';

let courseId = '';
let coursePhaseIds: Record<string, string> = {};
/** The administrator's own API session, apart from the student's page. */
let admin: APIRequestContext;

test.beforeAll(async ({ playwright, baseURL, faultServer }) => {
  admin = await playwright.request.newContext({ baseURL });
  await registerFaultLab(admin, faultServer);
  courseId = await labCourse(admin);
  coursePhaseIds = await addLabPhases(admin, courseId, [
    ...CASES.map(({ build }) => ({
      title: titleOf(build),
      phase: 'fault-lab',
      pin: FAULT_BUILDS[build].version,
    })),
    { title: SERVER_LAB, phase: 'fault-lab', pin: FAULT_BUILDS.healthy.version },
  ]);
});

test.afterAll(async () => {
  await admin?.dispose();
});

for (const { build, stage, headline, retry } of CASES) {
  test(`release ${build}: contained, told at the ${stage} stage, recovered without a reload`, async ({
    page,
    labServer: _labServer,
  }) => {
    const title = titleOf(build);
    const coursePhaseId = coursePhaseIds[title] ?? '';
    await pinCoursePhase(admin, courseId, coursePhaseId, FAULT_BUILDS[build].version);
    await signInViaApi(page, DEV_USERS.student);
    const logged = watchConsole(page);

    await page.goto(`/courses/${courseId}`);
    await expect(healthyHeading(page)).toBeVisible();
    await markDocument(page);

    await openPhase(page, title);
    const alert = phaseSlot(page).getByRole('alert');
    await expect(alert).toHaveAttribute('data-stage', stage);
    await expect(alert.locator('.ck-error-title')).toHaveText(`“${title}” ${headline}`);
    await expect(alert).not.toContainText(/RUNTIME|Federation/);
    await expect(alert.getByText('Technical details')).toBeVisible();
    await expect(alert.getByRole('button', { name: 'Retry' })).toHaveCount(retry ? 1 : 0);
    await expect(page).toHaveTitle(`${title} · Fault lab · Coursekit`);

    await expectShellAndHealthyPhaseUsable(page);
    await openPhase(page, title);
    await expect(phaseSlot(page).getByRole('alert')).toHaveAttribute('data-stage', stage);

    // The fix: an administrator pins the corrected version.
    await pinCoursePhase(admin, courseId, coursePhaseId, FAULT_BUILDS.healthy.version);
    if (retry) {
      await phaseSlot(page).getByRole('button', { name: 'Retry' }).click();
    } else {
      await openPhase(page, 'Healthy phase');
      await expect(healthyHeading(page)).toBeVisible();
      await openPhase(page, title);
    }
    await expect(phaseSlot(page).getByRole('heading', { name: `${title} works` })).toBeVisible();
    await expect(phaseSlot(page).getByText(`Its server says: ${LAB_STATUS_MESSAGE}`)).toBeVisible();
    await expect(phaseSlot(page).getByRole('alert')).toHaveCount(0);
    await expectSameDocument(page);
    expectNoScriptNoise(logged);
  });
}

const SERVER_CASES = [
  { fault: 'down', status: 502, why: 'it cannot reach its own server (HTTP 502)' },
  { fault: 'slow', status: 504, why: 'its own server did not answer in time' },
] as const;

for (const { fault, status, why } of SERVER_CASES) {
  test(`phase server ${fault}: the phase stays open, its slot says so (${status}), and it recovers by itself`, async ({
    page,
    labServer,
  }) => {
    await signInViaApi(page, DEV_USERS.student);
    await page.goto(`/courses/${courseId}`);
    await expect(healthyHeading(page)).toBeVisible();
    await markDocument(page);

    if (fault === 'down') await labServer.stop();
    else labServer.setSlow(true);
    const gateway = page.waitForResponse(
      (response) => new URL(response.url()).pathname === '/phase-api/fault-lab/status',
    );
    await openPhase(page, SERVER_LAB);
    expect((await gateway).status()).toBe(status);

    const notice = phaseSlot(page).locator('[data-stage="phase-server"]');
    await expect(notice).toHaveAttribute('role', 'status');
    await expect(notice.locator('.ck-error-title')).toHaveText(
      `The server of “${SERVER_LAB}” is not answering.`,
    );
    await expect(notice).toContainText(`The phase is open, but ${why}`);
    await expect(notice.getByText('Technical details')).toBeVisible();
    // The phase itself is open: only what needs its server is missing.
    await expect(
      phaseSlot(page).getByRole('heading', { name: `${SERVER_LAB} works` }),
    ).toBeVisible();
    await expect(phaseSlot(page).getByRole('alert')).toHaveCount(0);

    await expectShellAndHealthyPhaseUsable(page);
    await expect(notice).toHaveCount(0);
    await openPhase(page, SERVER_LAB);
    await expect(notice).toBeVisible();

    if (fault === 'down') await labServer.start();
    else labServer.setSlow(false);
    await expect(phaseSlot(page).getByText(`Its server says: ${LAB_STATUS_MESSAGE}`)).toBeVisible();
    await expect(notice).toHaveCount(0);
    await expectSameDocument(page);
  });
}
