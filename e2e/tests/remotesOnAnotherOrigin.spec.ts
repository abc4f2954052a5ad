/**
 * Remotes on another origin, end to end in Chromium: a registry whose bundle store is an
 * S3-compatible object store (s3rver, on an origin of its own) gets intro-course 1.1.0 published
 * with the SDK's CLI and an API token; the admin pins the course's Welcome phase to it; a student's
 * browser then loads the manifest, the entry and every chunk from the object store's origin (CORS,
 * with the recorded integrity checked before the phase runs) and shows the new version. Nothing of
 * it is fetched from the registry's own `/remotes/`. When the entry is then changed in the bucket
 * (as a compromised bucket or CDN would serve it), the next student's browser refuses it before
 * any of it runs, naming the file.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { APIRequestContext } from '@playwright/test';
import { signInViaApi } from '../fixtures/auth.js';
import { phaseSlot } from '../fixtures/faultLab.js';
import { BUCKET, startObjectStoreRegistry } from '../fixtures/objectStoreRegistry.js';
import { openSignedInPage } from '../fixtures/signedInContext.js';
import { expect, test } from '../fixtures/test.js';
import { DEV_USERS, INTRO_COURSE, SAMPLE_COURSE } from '../fixtures/users.js';
import {
  buildReleaseBuilds,
  RELEASE_BUILDS,
  releaseBuildDir,
} from '../release-phase/buildReleaseBuilds.js';

const CLI = fileURLToPath(new URL('../../phase-sdk/bin/coursekit-phase.js', import.meta.url));
const CSRF = { 'x-coursekit-csrf': '1' };
const RELEASE = RELEASE_BUILDS.release;

async function adminToken(admin: APIRequestContext): Promise<string> {
  const created = await admin.post('/api/admin/api-tokens', {
    headers: CSRF,
    data: { email: DEV_USERS.admin, name: 'object store suite', phase: INTRO_COURSE.name },
  });
  expect(created.status(), await created.text()).toBe(201);
  return ((await created.json()) as { token: string }).token;
}

test('a phase published to an object store loads in the browser from that origin', async ({
  browser,
  playwright,
}) => {
  test.setTimeout(600_000);
  await buildReleaseBuilds();
  const stack = await startObjectStoreRegistry();
  const admin = await playwright.request.newContext({ baseURL: stack.url });
  try {
    await signInViaApi(admin, DEV_USERS.admin);

    await test.step('the CLI publishes 1.1.0 into the bucket', async () => {
      const { stdout } = await promisify(execFile)(process.execPath, [
        CLI,
        'publish',
        '--registry',
        stack.url,
        '--dir',
        releaseBuildDir('release'),
        '--token',
        await adminToken(admin),
      ]);
      expect(stdout).toContain(
        `Published ${INTRO_COURSE.name} ${RELEASE.version}: ${stack.storeUrl}/${BUCKET}/remotes/${INTRO_COURSE.name}/${RELEASE.version}/`,
      );
    });

    let welcomePath = '';
    await test.step('the admin pins the Welcome phase to it', async () => {
      const courses = (await (await admin.get('/api/courses')).json()) as {
        id: string;
        title: string;
      }[];
      const course = courses.find((c) => c.title === SAMPLE_COURSE.title);
      expect(course).toBeDefined();
      const composition = await admin.get(`/api/courses/${course?.id}/composition`);
      const welcome = ((await composition.json()).phases as { id: string; title: string }[]).find(
        (phase) => phase.title === 'Welcome',
      );
      const pinned = await admin.patch(`/api/courses/${course?.id}/phases/${welcome?.id}`, {
        headers: { ...CSRF, 'if-match': String(composition.headers().etag) },
        data: { pin: RELEASE.version },
      });
      expect(pinned.status(), await pinned.text()).toBe(200);
      welcomePath = `/courses/${course?.id}/${welcome?.id}`;
    });

    let entryUrl = '';
    await test.step('a student sees 1.1.0, every file of it from the object store', async () => {
      const student = await openSignedInPage(browser, stack.url, DEV_USERS.student);
      const remoteFiles: { url: string; status: number }[] = [];
      student.page.on('response', (response) => {
        if (response.url().includes(`/${INTRO_COURSE.name}/`))
          remoteFiles.push({ url: response.url(), status: response.status() });
      });
      try {
        await student.page.goto(welcomePath);
        await expect(phaseSlot(student.page).getByText(RELEASE.note)).toBeVisible();
        const origins = new Set(remoteFiles.map((file) => new URL(file.url).origin));
        expect([...origins]).toEqual([stack.storeUrl]);
        const names = remoteFiles.map((file) => new URL(file.url).pathname.split('/').pop());
        expect(names).toEqual(expect.arrayContaining(['mf-manifest.json', 'remoteEntry.js']));
        entryUrl = remoteFiles.find((file) => file.url.endsWith('/remoteEntry.js'))?.url ?? '';
        expect(names.filter((name) => name?.endsWith('.js')).length).toBeGreaterThan(1);
        expect(remoteFiles.filter((file) => file.status !== 200)).toEqual([]);
        expect(student.pageErrors).toEqual([]);
      } finally {
        await student.close();
      }
    });

    await test.step('an entry changed in the bucket is refused before it runs', async () => {
      // s3rver, like a misconfigured bucket, takes an anonymous write.
      const original = await (await fetch(entryUrl)).text();
      const overwritten = await fetch(entryUrl, {
        method: 'PUT',
        body: `${original}\nglobalThis.__ckTampered = true;\n`,
      });
      expect(overwritten.status).toBe(200);
      const student = await openSignedInPage(browser, stack.url, DEV_USERS.student2);
      try {
        await student.page.goto(welcomePath);
        const alert = phaseSlot(student.page).getByRole('alert');
        await expect(alert).toHaveAttribute('data-stage', 'integrity');
        await alert.getByText('Technical details').click();
        await expect(alert).toContainText('remoteEntry.js does not match its recorded hash');
        expect(
          await student.page.evaluate(
            () => (globalThis as unknown as { __ckTampered?: boolean }).__ckTampered ?? false,
          ),
          'no byte of the changed file ran',
        ).toBe(false);
      } finally {
        await student.close();
      }
    });
  } finally {
    await admin.dispose();
    await stack.close();
  }
});
