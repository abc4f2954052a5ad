/**
 * The hot API paths ask the database only what they must, on PGlite and on PostgreSQL: once the
 * session, the membership and the composition revision are cached, resolving a course asks
 * nothing, and a storage read or write is one statement (the write a compare-and-set that also
 * returns what is stored). Counted with a log of every statement the registry sends.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addIntroCoursePhase } from './support/introCoursePhase.js';
import { type PhaseBuildServer, startPhaseBuildServer } from './support/phaseBuildServer.js';
import { createTestApp, type TestApp } from './support/testApp.js';
import { ENGINES } from './support/testDb.js';

const STUDENT = 'student1@coursekit.test';

describe.each(ENGINES)('statements per hot request on %s', (engine) => {
  let t: TestApp;
  let builds: PhaseBuildServer;
  let coursePhaseId: string;
  let studentId: string;
  const statements: string[] = [];

  beforeAll(async () => {
    [t, builds] = await Promise.all([createTestApp(engine), startPhaseBuildServer()]);
    coursePhaseId = await addIntroCoursePhase(t, builds);
    studentId = (await t.as(STUDENT, { method: 'GET', url: '/api/me' })).json().user.id;
    const { db } = t.testDb;
    const query = db.query.bind(db);
    db.query = ((sql, params) => {
      statements.push(sql.replace(/\s+/g, ' ').trim());
      return query(sql, params);
    }) as typeof db.query;
  });
  afterAll(async () => {
    await Promise.all([t?.close(), builds?.close()]);
  });

  /** The statements `request` sends once it has run once before (caches warm). */
  async function warmStatements(request: () => Promise<{ statusCode: number }>) {
    expect((await request()).statusCode).toBe(200);
    statements.length = 0;
    expect((await request()).statusCode).toBe(200);
    return [...statements];
  }

  it('resolves a course from memory', async () => {
    const sent = await warmStatements(() =>
      t.as(STUDENT, { method: 'GET', url: `/api/courses/${t.courseId}/phases` }),
    );
    expect(sent).toEqual([]);
  });

  it('reads and writes a participant document in one statement each', async () => {
    const url = `/api/course-phases/${coursePhaseId}/participants/${studentId}/data/own`;
    const read = await warmStatements(() => t.as(STUDENT, { method: 'GET', url }));
    expect(read).toHaveLength(1);
    expect(read[0]).toMatch(/^SELECT version, doc/);

    let version = 0;
    const write = await warmStatements(async () => {
      const answer = await t.as(STUDENT, {
        method: 'PUT',
        url,
        headers: { 'if-match': `"${version}"` },
        payload: { answers: [version] },
      });
      version = answer.json().version;
      return answer;
    });
    expect(write).toHaveLength(1);
    expect(write[0]).toMatch(/^WITH changed AS \(UPDATE participation_data/);
    expect(version).toBe(2);
  });
});
