/**
 * The storage contract suite against the registry, over its HTTP routes on a real database: every
 * case answers as the SDK's in-memory storage does (the SDK runs the same cases in its suite), so
 * a phase's unit tests meet the rules they meet here. Both sides enforce one implementation of the
 * rules (the contract's `storageRefusal` and `StorableDocument`).
 */
import {
  type StorageContractActor,
  type StorageContractDriver,
  type StorageContractTarget,
  storageContractCases,
} from '@coursekit/phase-sdk/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addIntroCoursePhase } from './support/introCoursePhase.js';
import { type PhaseBuildServer, startPhaseBuildServer } from './support/phaseBuildServer.js';
import { createTestApp, type TestApp } from './support/testApp.js';
import { ENGINES } from './support/testDb.js';

const emails: Record<StorageContractActor, string> = {
  student: 'student1@coursekit.test',
  otherStudent: 'student2@coursekit.test',
  lecturer: 'lecturer@coursekit.test',
  editor: 'editor@coursekit.test',
  // An admin who is no member of the course: inside a course phase only course roles count.
  outsider: 'admin@coursekit.test',
};

describe.each(ENGINES)('the storage contract, in the registry on %s', (engine) => {
  let t: TestApp;
  let builds: PhaseBuildServer;
  let driver: StorageContractDriver;

  beforeAll(async () => {
    [t, builds] = await Promise.all([createTestApp(engine), startPhaseBuildServer()]);
    await t.as(emails.outsider, {
      method: 'POST',
      url: `/api/courses/${t.courseId}/members`,
      payload: { email: emails.editor, role: 'editor' },
    });
    const coursePhase = await addIntroCoursePhase(t, builds, 'Contract');
    const userIds: Partial<Record<StorageContractActor, string>> = {};
    for (const actor of ['student', 'otherStudent'] as const) {
      userIds[actor] = (
        await t.as(emails[actor], { method: 'GET', url: '/api/me' })
      ).json().user.id;
    }
    const url = (target: StorageContractTarget) =>
      target.level === 'course'
        ? `/api/course-phases/${coursePhase}/data/${target.scope}`
        : `/api/course-phases/${coursePhase}/participants/${userIds[target.owner]}/data/${target.scope}`;

    driver = {
      async run(c, index) {
        const response =
          c.action === 'list'
            ? await t.as(emails[c.actor], {
                method: 'GET',
                url: `/api/course-phases/${coursePhase}/participants?scope=own`,
              })
            : c.action === 'read'
              ? await t.as(emails[c.actor], { method: 'GET', url: url(c.target) })
              : await (async () => {
                  // Staff may read every document: the version the write is based on.
                  const current = (
                    await t.as(emails.lecturer, { method: 'GET', url: url(c.target) })
                  ).json().version as number;
                  return t.as(emails[c.actor], {
                    method: 'PUT',
                    url: url(c.target),
                    headers: {
                      'content-type': 'application/json',
                      'if-match': `"${c.basedOn === 'stale' ? current + 1 : current}"`,
                    },
                    payload: JSON.stringify('doc' in c ? c.doc : { n: index }),
                  });
                })();
        const body = response.json();
        if (response.statusCode >= 400) return { status: response.statusCode, code: body.code };
        return c.action === 'list'
          ? { status: response.statusCode }
          : { status: response.statusCode, version: body.version };
      },
    };
  });
  afterAll(async () => {
    await Promise.all([t?.close(), builds?.close()]);
  });

  it.each(storageContractCases.map((c, index) => [c.name, c, index] as const))(
    '%s',
    async (_name, c, index) => {
      expect(await driver.run(c, index)).toEqual(c.expect);
    },
  );
});
