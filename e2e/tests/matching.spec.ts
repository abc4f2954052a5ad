/**
 * The project matching phase, a client-and-server phase, on the whole stack: its remote in the
 * host, its server (the `matchingServer` fixture) behind the registry's gateway, real Chromium and
 * one browser context per person. The lecturer adds topics, three students rank them, the
 * lecturer runs the matching and everyone sees the one optimal assignment. And when the phase's
 * server is down, only that phase says so: the shell and the other phases keep working, and the
 * phase recovers in place, by itself, once the server is back.
 */
import type { APIRequestContext, Locator, Page } from '@playwright/test';
import { findCourse, type Requester, resolvePhases } from '../fixtures/api.js';
import { signInViaApi } from '../fixtures/auth.js';
import { MatchingApi } from '../fixtures/matchingApi.js';
import { currentUser, openSignedInPage, type SignedInPage } from '../fixtures/signedInContext.js';
import { MATCHING_URL } from '../fixtures/stack.js';
import { expect, test } from '../fixtures/test.js';
import { DEV_USERS, MATCHING, SAMPLE_COURSE } from '../fixtures/users.js';

/** The sample course's matching phase, and the host's path to it. */
async function matchingPhase(from: Requester) {
  const course = await findCourse(from, SAMPLE_COURSE.title);
  const phase = (await resolvePhases(from, course.id)).find((p) => p.phase === MATCHING.name);
  if (!phase) {
    throw new Error(
      'The sample course has no matching phase: the seed skips it when phases/matching/dist is not built.',
    );
  }
  return {
    course,
    coursePhaseId: phase.coursePhaseId,
    path: `/courses/${course.id}/${phase.coursePhaseId}`,
  };
}

/** A lecturer's API handle on the matching phase, for set-up through HTTP. */
async function lecturerApi(request: APIRequestContext): Promise<MatchingApi> {
  await signInViaApi(request, DEV_USERS.lecturer);
  const { coursePhaseId } = await matchingPhase(request);
  return MatchingApi.forCoursePhase(request, coursePhaseId);
}

/** Titles unique to this run of a test, so that nothing another run or test left can satisfy it. */
const runId = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

const setMarker = (page: Page) =>
  page.evaluate(() => {
    (window as unknown as { __ckMarker?: string }).__ckMarker = 'same page';
  });
const readMarker = (page: Page) =>
  page.evaluate(() => (window as unknown as { __ckMarker?: string }).__ckMarker);

/**
 * Put the student's ranking list in the `wanted` order with the Move up / Move down buttons (a
 * bubble sort, alternating the two buttons so both are used), checking the whole list after every
 * click against the order the move should give.
 */
async function rankWithButtons(list: Locator, wanted: readonly string[]): Promise<void> {
  const titles = list.locator(':scope > li > strong');
  const order = await titles.allTextContents();
  expect([...order].sort()).toEqual([...wanted].sort());
  const item = (title: string) =>
    list.getByRole('listitem').filter({ has: list.page().getByText(title, { exact: true }) });
  let moves = 0;
  for (let sorted = false; !sorted; ) {
    sorted = true;
    for (let i = 0; i + 1 < order.length; i++) {
      const upper = order[i] as string;
      const lower = order[i + 1] as string;
      if (wanted.indexOf(upper) < wanted.indexOf(lower)) continue;
      if (moves % 2 === 0) await item(upper).getByRole('button', { name: 'Move down' }).click();
      else await item(lower).getByRole('button', { name: 'Move up' }).click();
      moves++;
      order[i] = lower;
      order[i + 1] = upper;
      await expect(titles).toHaveText(order);
      sorted = false;
    }
  }
  await expect(titles).toHaveText([...wanted]);
}

test('the seed registers the matching phase with the e2e suite’s server', async ({ request }) => {
  await signInViaApi(request, DEV_USERS.admin);
  const response = await request.get(`/api/phase-types/${MATCHING.name}/versions`);
  expect(response.ok(), `${response.status()} ${await response.text()}`).toBe(true);
  const versions = (await response.json()) as { serverUrl: string | null }[];
  // A reused registry started with other settings would send the gateway elsewhere.
  expect(versions.map((version) => version.serverUrl)).toEqual([MATCHING_URL]);
});

test('the lecturer adds topics, three students rank them, and everyone sees the optimal matching', async ({
  page: lecturer,
  browser,
  baseURL,
  request,
  matchingServer,
}) => {
  // Four people in four browser contexts: ~13 s on an idle two-core machine, possibly over the
  // default 30 s under load.
  test.slow();
  expect(matchingServer.running).toBe(true);
  // Topics of other tests or runs would take part in the matching: start from none.
  await (await lecturerApi(request)).deleteAllTopics();
  const { path } = await matchingPhase(request);

  const id = runId();
  const compilers = { title: `Compilers ${id}`, capacity: 1 };
  const databases = { title: `Databases ${id}`, capacity: 1 };
  const robotics = { title: `Robotics ${id}`, capacity: 2 };
  const added = [robotics, databases, compilers];
  // Sam and Kim both put Compilers first, which has one seat. Of the 12 assignments within the
  // capacities, one has the least total of choices (4; the next best has 5): Sam gets Compilers
  // (1st), Kim Robotics (2nd), Alex Databases (1st), as enumerating them shows.
  const students = [
    {
      email: DEV_USERS.student,
      ranking: [compilers, databases, robotics],
      expected: { topic: compilers, choice: '1st' },
    },
    {
      email: DEV_USERS.student2,
      ranking: [compilers, robotics, databases],
      expected: { topic: robotics, choice: '2nd' },
    },
    {
      email: DEV_USERS.student3,
      ranking: [databases, compilers, robotics],
      expected: { topic: databases, choice: '1st' },
    },
  ];

  const outlet = lecturer.getByTestId('phase-outlet');

  await test.step('the lecturer opens Project matching and adds three topics', async () => {
    await signInViaApi(lecturer, DEV_USERS.lecturer);
    await lecturer.goto('/courses');
    await lecturer.getByRole('link', { name: SAMPLE_COURSE.title }).click();
    await lecturer
      .getByRole('navigation', { name: 'Course phases' })
      .getByRole('link', { name: MATCHING.title })
      .click();
    await expect(lecturer).toHaveURL(new RegExp(`${path}$`));
    await expect(outlet.getByRole('heading', { name: MATCHING.title, level: 2 })).toBeVisible();
    await expect(outlet.getByText('No topics yet. Add the first one below.')).toBeVisible();

    for (const { title, capacity } of added) {
      await outlet.getByRole('textbox', { name: 'Topic title' }).fill(title);
      await outlet.getByRole('spinbutton', { name: 'Capacity' }).fill(String(capacity));
      await outlet
        .getByRole('textbox', { name: 'Description (optional)' })
        .fill(`What ${title.split(' ')[0]} is about.`);
      await outlet.getByRole('button', { name: 'Add topic' }).click();
      await expect(
        outlet.getByRole('status').filter({ hasText: `Added “${title}”.` }),
      ).toBeVisible();
    }
    const table = outlet.getByRole('table', { name: 'Topics' });
    await expect(table.getByRole('rowheader')).toHaveText(added.map((t) => t.title));
    for (const { title, capacity } of added) {
      await expect(
        table.getByRole('row').filter({ has: lecturer.getByRole('rowheader', { name: title }) }),
      ).toContainText(String(capacity));
    }
  });

  const pages: (SignedInPage & { name: string })[] = [];
  try {
    await test.step('each student ranks the topics with Move up / Move down and saves', async () => {
      for (const student of students) {
        const opened = await openSignedInPage(browser, baseURL, student.email);
        pages.push({ ...opened, name: (await currentUser(opened.page)).name });
      }
      for (const [index, student] of students.entries()) {
        const { page } = pages[index] as SignedInPage;
        await page.goto(path);
        const phase = page.getByTestId('phase-outlet');
        await expect(phase.getByRole('heading', { name: MATCHING.title, level: 2 })).toBeVisible();
        const list = phase.getByRole('list', { name: 'Your ranking' });
        // Unranked topics come in the lecturer's order.
        await expect(list.locator(':scope > li > strong')).toHaveText(added.map((t) => t.title));
        await rankWithButtons(
          list,
          student.ranking.map((t) => t.title),
        );
        await phase.getByRole('button', { name: 'Save ranking' }).click();
        await expect(phase.getByRole('status').filter({ hasText: 'Ranking saved' })).toBeVisible();
      }
    });

    await test.step('the lecturer runs the matching and sees every student’s topic', async () => {
      await outlet.getByRole('button', { name: 'Run matching' }).click();
      const table = outlet.getByRole('table', { name: 'Assignments' });
      await expect(table.getByRole('columnheader')).toHaveText(['Student', 'Topic', 'Choice']);
      await expect(table.getByRole('row')).toHaveCount(1 + students.length);
      for (const [index, student] of students.entries()) {
        const { name } = pages[index] as SignedInPage & { name: string };
        const row = table
          .getByRole('row')
          .filter({ has: lecturer.getByRole('rowheader', { name, exact: true }) });
        await expect(row.getByRole('cell')).toHaveText([
          student.expected.topic.title,
          student.expected.choice,
        ]);
      }
      const satisfaction = outlet.getByRole('list', { name: 'Satisfaction' });
      await expect(satisfaction).toContainText('3 of 3 students assigned (4 seats)');
      await expect(satisfaction).toContainText('2 got their first choice');
      await expect(satisfaction).toContainText('Average choice: 1.33');
      await expect(outlet.getByText(/^3 students have saved a ranking: /)).toBeVisible();
    });

    await test.step('each student sees their topic, and their saved ranking', async () => {
      for (const [index, student] of students.entries()) {
        const { page } = pages[index] as SignedInPage;
        await page.reload();
        const phase = page.getByTestId('phase-outlet');
        await expect(
          phase.getByText(`You are assigned to ${student.expected.topic.title}`, { exact: true }),
        ).toBeVisible();
        await expect(
          phase.getByText(`It was your ${student.expected.choice} choice.`, { exact: true }),
        ).toBeVisible();
        await expect(
          phase.getByRole('list', { name: 'Your ranking' }).locator(':scope > li > strong'),
        ).toHaveText(student.ranking.map((t) => t.title));
      }
    });

    for (const { name, pageErrors } of pages) {
      expect(
        pageErrors.map((error) => error.stack ?? error.message),
        name,
      ).toEqual([]);
    }
  } finally {
    for (const { close } of pages) await close();
  }
});

test('with its server down, the matching phase shows its own error, the rest keeps working, and it recovers in place', async ({
  page,
  request,
  network,
  matchingServer,
}) => {
  // Stopping and starting the server (PGlite opens its folder again) takes seconds of its own.
  test.slow();
  const title = `Resilience ${runId()}`;
  await (await lecturerApi(request)).addTopic({ title, capacity: 1 });

  await signInViaApi(page, DEV_USERS.student);
  const { course } = await matchingPhase(page);
  const outlet = page.getByTestId('phase-outlet');
  const nav = page.getByRole('navigation', { name: 'Course phases' });

  await page.goto('/courses');
  await page.getByRole('link', { name: SAMPLE_COURSE.title }).click();
  await expect(
    outlet.getByRole('heading', { name: `Welcome to ${SAMPLE_COURSE.title}` }),
  ).toBeVisible();
  await setMarker(page);
  const documentsBefore = network.documents().length;

  await matchingServer.stop();

  const topicsAlert = outlet.getByRole('alert').filter({ hasText: 'Could not load the topics' });
  const assignmentAlert = outlet
    .getByRole('alert')
    .filter({ hasText: 'Could not load your assignment' });
  const unreachable = 'The server of "matching" could not be reached; try again shortly.';

  /** Open the phase with its server down: it renders, and says what failed in its own place. */
  const openWhileDown = async () => {
    const answered = page.waitForResponse(
      (response) => new URL(response.url()).pathname === `/phase-api/${MATCHING.name}/topics`,
    );
    await nav.getByRole('link', { name: MATCHING.title }).click();
    const response = await answered;
    expect(response.status()).toBe(502);
    expect(response.headers()['content-type']).toContain('application/problem+json');
    expect(((await response.json()) as { code: string }).code).toBe('CK_PHASE_SERVER_UNREACHABLE');

    await expect(outlet.getByRole('heading', { name: MATCHING.title, level: 2 })).toBeVisible();
    await expect(topicsAlert).toContainText(`Could not load the topics: ${unreachable}`);
    await expect(topicsAlert.getByRole('button', { name: 'Try again' })).toBeVisible();
    await expect(assignmentAlert).toContainText(`Could not load your assignment: ${unreachable}`);
    await expect(assignmentAlert.getByRole('button', { name: 'Try again' })).toBeVisible();
    // Contained by the phase: the host's boundary (its "Retry") did not have to catch anything,
    // and the host says in the phase's slot that the phase's server is not answering.
    await expect(outlet.getByRole('button', { name: 'Retry' })).toHaveCount(0);
    await expect(outlet.locator('[data-stage="phase-server"]')).toContainText(
      `The server of “${MATCHING.title}” is not answering.`,
    );
    await expect(outlet.getByRole('list', { name: 'Your ranking' })).toHaveCount(0);
  };

  await test.step('the phase shows its own error, naming the unreachable server', openWhileDown);

  await test.step('the shell and its navigation keep working', async () => {
    await expect(
      page.getByRole('heading', { name: SAMPLE_COURSE.title, exact: true }),
    ).toBeVisible();
    await expect(nav.getByRole('link')).toHaveText([...SAMPLE_COURSE.phases]);
    await expect(nav.getByRole('link', { name: MATCHING.title })).toHaveAttribute(
      'aria-current',
      'page',
    );
    await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  });

  await test.step('Welcome (intro-course) still renders its checklist', async () => {
    await nav.getByRole('link', { name: 'Welcome' }).click();
    await expect(page).toHaveURL(new RegExp(`/courses/${course.id}/[^/]+$`));
    await expect(
      outlet.getByRole('heading', { name: `Welcome to ${SAMPLE_COURSE.title}` }),
    ).toBeVisible();
    await expect(outlet.getByRole('heading', { name: 'First steps' })).toBeVisible();
    // The checklist and its progress line appear together: wait for the line, then count.
    const progress = outlet.getByText(/^\d+ of \d+ done$/);
    await expect(progress).toBeVisible();
    const total = Number(((await progress.textContent()) ?? '').split(' ')[2]);
    expect(total).toBeGreaterThan(0);
    await expect(outlet.getByRole('checkbox')).toHaveCount(total);
    await expect(outlet.getByRole('alert')).toHaveCount(0);
  });

  await test.step('back on the phase, still down: the same contained error', openWhileDown);

  await test.step('once the server is back, the phase recovers by itself', async () => {
    await matchingServer.start();
    // Coursekit's background probe sees the server answer, and reads again what had failed.
    const list = outlet.getByRole('list', { name: 'Your ranking' });
    await expect(list.getByText(title, { exact: true })).toBeVisible();
    await expect(topicsAlert).toHaveCount(0);
    await expect(outlet.getByRole('alert')).toHaveCount(0);
    await expect(outlet.locator('[data-stage="phase-server"]')).toHaveCount(0);
  });

  expect(await readMarker(page), 'no page load in between').toBe('same page');
  expect(network.documents()).toHaveLength(documentsBefore);
});
