/**
 * The host page's Content-Security-Policy in Chromium: the course page loads its phases, from the
 * registry and from another registered origin (the fault server, as a CDN), with Module
 * Federation's manifest fetches, entry scripts and the host's integrity fetches, and the policy
 * refuses nothing. A script from an origin where no phase is registered, and an inline script,
 * are refused: they never run, and the one from elsewhere is never even requested.
 */
import { createServer, type Server } from 'node:http';
import type { APIRequestContext } from '@playwright/test';
import { FAULT_BUILDS, FAULT_LAB_PHASE } from '../fault-phase/buildFaultPhases.js';
import { signInViaApi } from '../fixtures/auth.js';
import { cspConsoleLines, recordViolations } from '../fixtures/cspViolations.js';
import {
  addLabPhases,
  healthyHeading,
  labCourse,
  openPhase,
  phaseSlot,
  registerFaultLab,
} from '../fixtures/faultLab.js';
import { LAB_STATUS_MESSAGE } from '../fixtures/labServer.js';
import { FAULT_URL, UNREGISTERED_PORT, UNREGISTERED_URL } from '../fixtures/stack.js';
import { expect, test } from '../fixtures/test.js';
import { DEV_USERS } from '../fixtures/users.js';

const ELSEWHERE = 'Phase from a CDN';

let courseId = '';
let requestsElsewhere = 0;
let elsewhere: Server;

test.beforeAll(async ({ playwright, baseURL, faultServer }) => {
  // A script that would mark the page if it ever ran.
  elsewhere = createServer((_request, response) => {
    requestsElsewhere += 1;
    response
      .writeHead(200, { 'content-type': 'text/javascript', 'access-control-allow-origin': '*' })
      .end('window.__ckInjected = true;');
  });
  await new Promise<void>((resolve) => elsewhere.listen(UNREGISTERED_PORT, '127.0.0.1', resolve));
  const admin: APIRequestContext = await playwright.request.newContext({ baseURL });
  try {
    await registerFaultLab(admin, faultServer);
    courseId = await labCourse(admin);
    await addLabPhases(admin, courseId, [
      { title: ELSEWHERE, phase: FAULT_LAB_PHASE, pin: FAULT_BUILDS.healthy.version },
    ]);
  } finally {
    await admin.dispose();
  }
});

test.afterAll(async () => {
  await new Promise((resolve) => elsewhere?.close(resolve));
});

test('the course page loads phases from the registry and a registered origin, and the policy refuses nothing', async ({
  page,
  labServer: _labServer,
}) => {
  const violations = await recordViolations(page);
  const consoleLines = cspConsoleLines(page);
  await signInViaApi(page, DEV_USERS.student);

  const document = await page.goto(`/courses/${courseId}`);
  const policy = (await document?.allHeaders())?.['content-security-policy'] ?? '';
  expect(policy).toMatch(new RegExp(`script-src [^;]*${FAULT_URL}`));
  expect(policy).not.toContain('unsafe-inline');
  expect(policy).not.toContain(UNREGISTERED_URL);

  // The sample phase, served by the registry.
  await expect(healthyHeading(page)).toBeVisible();
  // A phase from the fault server's origin, which also calls its server through the gateway.
  await openPhase(page, ELSEWHERE);
  await expect(phaseSlot(page).getByRole('heading', { name: `${ELSEWHERE} works` })).toBeVisible();
  await expect(phaseSlot(page).getByText(`Its server says: ${LAB_STATUS_MESSAGE}`)).toBeVisible();

  expect(await violations()).toEqual([]);
  expect(consoleLines).toEqual([]);
});

test('a script from an origin where no phase is registered, or inline, never runs', async ({
  page,
}) => {
  const violations = await recordViolations(page);
  await signInViaApi(page, DEV_USERS.student);
  await page.goto(`/courses/${courseId}`);
  await expect(healthyHeading(page)).toBeVisible();
  expect(await violations()).toEqual([]);

  await page.evaluate((src) => {
    const injected = document.createElement('script');
    injected.src = src;
    document.head.append(injected);
    const inline = document.createElement('script');
    inline.textContent = 'window.__ckInjected = true;';
    document.head.append(inline);
  }, `${UNREGISTERED_URL}/injected.js`);

  await expect.poll(violations).toHaveLength(2);
  expect(await violations()).toEqual(
    expect.arrayContaining([
      { directive: 'script-src-elem', blockedURI: `${UNREGISTERED_URL}/injected.js` },
      { directive: 'script-src-elem', blockedURI: 'inline' },
    ]),
  );
  expect(
    await page.evaluate(() => (window as unknown as { __ckInjected?: boolean }).__ckInjected),
  ).toBeUndefined();
  expect(requestsElsewhere, 'the refused script was never requested').toBe(0);
});
