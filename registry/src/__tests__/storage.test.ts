/**
 * Core storage over real handlers and a real database, on PGlite and PostgreSQL: scopes per role,
 * conditional writes, size limits, disabled course phases, and the staff listing. Every refused
 * write leaves the database as it was.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addIntroCoursePhase } from './support/introCoursePhase.js';
import { type PhaseBuildServer, startPhaseBuildServer } from './support/phaseBuildServer.js';
import { createTestApp, type TestApp } from './support/testApp.js';
import { ENGINES } from './support/testDb.js';

const ADMIN = 'admin@coursekit.test';
const LECTURER = 'lecturer@coursekit.test';
const EDITOR = 'editor@coursekit.test';
const S1 = 'student1@coursekit.test';
const S2 = 'student2@coursekit.test';

describe.each(ENGINES)('core storage on %s', (engine) => {
  let t: TestApp;
  let builds: PhaseBuildServer;
  let cp: string;
  const ids: Record<string, string> = {};
  let snapshot: () => Promise<string>;

  beforeAll(async () => {
    [t, builds] = await Promise.all([createTestApp(engine), startPhaseBuildServer()]);
    await t.as(ADMIN, {
      method: 'POST',
      url: `/api/courses/${t.courseId}/members`,
      payload: { email: EDITOR, role: 'editor' },
    });
    cp = await addIntroCoursePhase(t, builds);
    for (const email of [S1, S2, LECTURER, EDITOR]) {
      ids[email] = (await t.as(email, { method: 'GET', url: '/api/me' })).json().user.id;
    }
    snapshot = async () => {
      const rows = await t.testDb.db.query(
        `SELECT 'p' AS t, scope, NULL::uuid AS user_id, version, doc FROM phase_data
         UNION ALL SELECT 'u', scope, user_id, version, doc FROM participation_data ORDER BY 1, 2, 3`,
      );
      return JSON.stringify(rows);
    };
  });
  afterAll(async () => {
    await Promise.all([t?.close(), builds?.close()]);
  });

  const course = (scope: string) => `/api/course-phases/${cp}/data/${scope}`;
  const participant = (email: string, scope: string) =>
    `/api/course-phases/${cp}/participants/${ids[email]}/data/${scope}`;
  const put = (
    email: string,
    url: string,
    body: unknown,
    version: number | null,
    headers: Record<string, string> = {},
  ) =>
    t.as(email, {
      method: 'PUT',
      url,
      headers: { ...(version === null ? {} : { 'if-match': `"${version}"` }), ...headers },
      payload: body as object,
    });

  it('reads a document never written as version 0', async () => {
    const response = await t.as(S1, { method: 'GET', url: course('shared') });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ version: 0, doc: null, updatedAt: null, updatedBy: null });
    expect(response.headers.etag).toBe('"0"');
  });

  it('creates with If-Match "0", then bumps the version on every write', async () => {
    const created = await put(LECTURER, course('shared'), { steps: ['Read the syllabus'] }, 0);
    expect(created.statusCode).toBe(200);
    expect(created.json()).toMatchObject({
      version: 1,
      doc: { steps: ['Read the syllabus'] },
      updatedBy: ids[LECTURER],
    });
    expect(created.headers.etag).toBe('"1"');
    const updated = await put(
      EDITOR,
      course('shared'),
      { steps: ['Read the syllabus', 'Join the chat'] },
      1,
    );
    expect(updated.json().version).toBe(2);
    const read = await t.as(S2, { method: 'GET', url: course('shared') });
    expect(read.json()).toMatchObject({
      version: 2,
      doc: { steps: ['Read the syllabus', 'Join the chat'] },
    });
    const notModified = await t.as(S2, {
      method: 'GET',
      url: course('shared'),
      headers: { 'if-none-match': '"2"' },
    });
    expect(notModified.statusCode).toBe(304);
  });

  it('refuses a stale write with 409 and the current document, changing nothing', async () => {
    const before = await snapshot();
    const stale = await put(LECTURER, course('shared'), { steps: [] }, 1);
    expect(stale.statusCode).toBe(409);
    expect(stale.headers['content-type']).toContain('application/problem+json');
    expect(stale.json()).toMatchObject({
      code: 'CK_VERSION_CONFLICT',
      current: { version: 2, doc: { steps: ['Read the syllabus', 'Join the chat'] } },
    });
    expect(await snapshot()).toBe(before);
  });

  it('lets a participant keep their own document and staff read it', async () => {
    expect((await put(S1, participant(S1, 'own'), { done: ['syllabus'] }, 0)).statusCode).toBe(200);
    expect(
      (await t.as(LECTURER, { method: 'GET', url: participant(S1, 'own') })).json().doc,
    ).toEqual({ done: ['syllabus'] });
    expect(
      (await put(LECTURER, participant(S1, 'restricted'), { note: 'strong start' }, 0)).statusCode,
    ).toBe(200);
  });

  type Case = [
    string,
    string,
    () => Promise<{ statusCode: number; json(): { code: string } }>,
    number,
    string,
  ];
  const refusals: Case[] = [
    [
      'a student writing the shared document',
      S1,
      () => put(S1, course('shared'), { x: 1 }, 2),
      403,
      'CK_FORBIDDEN',
    ],
    [
      'a student reading the restricted course document',
      S1,
      () => t.as(S1, { method: 'GET', url: course('restricted') }),
      403,
      'CK_FORBIDDEN',
    ],
    [
      "a student reading another student's document",
      S1,
      () => t.as(S1, { method: 'GET', url: participant(S2, 'own') }),
      403,
      'CK_FORBIDDEN',
    ],
    [
      "a student writing another student's document",
      S1,
      () => put(S1, participant(S2, 'own'), { done: [] }, 0),
      403,
      'CK_FORBIDDEN',
    ],
    [
      'a student reading their own restricted document',
      S1,
      () => t.as(S1, { method: 'GET', url: participant(S1, 'restricted') }),
      403,
      'CK_FORBIDDEN',
    ],
    [
      'a student listing participants',
      S1,
      () => t.as(S1, { method: 'GET', url: `/api/course-phases/${cp}/participants` }),
      403,
      'CK_FORBIDDEN',
    ],
    [
      'a write without If-Match',
      LECTURER,
      () => put(LECTURER, course('shared'), { x: 1 }, null),
      428,
      'CK_PRECONDITION_REQUIRED',
    ],
    [
      'a malformed If-Match',
      LECTURER,
      () => put(LECTURER, course('shared'), { x: 1 }, null, { 'if-match': 'yesterday' }),
      400,
      'CK_VALIDATION',
    ],
    [
      'a non-JSON body',
      LECTURER,
      () =>
        t.as(LECTURER, {
          method: 'PUT',
          url: course('shared'),
          headers: { 'if-match': '"2"', 'content-type': 'application/json' },
          payload: '{oops',
        }),
      400,
      'CK_MALFORMED_JSON',
    ],
    [
      'a text body',
      LECTURER,
      () =>
        t.as(LECTURER, {
          method: 'PUT',
          url: course('shared'),
          headers: { 'if-match': '"2"', 'content-type': 'text/plain' },
          payload: 'hello',
        }),
      415,
      'CK_UNSUPPORTED_MEDIA_TYPE',
    ],
    [
      'an oversized document',
      LECTURER,
      () => put(LECTURER, course('shared'), { blob: 'x'.repeat(300_000) }, 2),
      413,
      'CK_PAYLOAD_TOO_LARGE',
    ],
    [
      'a null document',
      LECTURER,
      () =>
        t.as(LECTURER, {
          method: 'PUT',
          url: course('shared'),
          headers: { 'if-match': '"2"', 'content-type': 'application/json' },
          payload: 'null',
        }),
      400,
      'CK_VALIDATION',
    ],
    [
      'an unknown scope',
      LECTURER,
      () => t.as(LECTURER, { method: 'GET', url: `/api/course-phases/${cp}/data/private` }),
      400,
      'CK_VALIDATION',
    ],
    [
      'an unknown course phase',
      LECTURER,
      () =>
        t.as(LECTURER, {
          method: 'GET',
          url: '/api/course-phases/6f1d9a3e-0000-4000-8000-000000000000/data/shared',
        }),
      404,
      'CK_NOT_FOUND',
    ],
    [
      'a user who is not a participant',
      LECTURER,
      () =>
        put(
          LECTURER,
          `/api/course-phases/${cp}/participants/${randomUUID()}/data/own`,
          { x: 1 },
          0,
        ),
      404,
      'CK_NOT_FOUND',
    ],
    [
      'a request without the CSRF header',
      LECTURER,
      () =>
        t.app.inject({
          method: 'PUT',
          url: course('shared'),
          headers: { 'if-match': '"2"' },
          payload: { x: 1 },
        }),
      403,
      'CK_CSRF',
    ],
  ];
  it.each(refusals)('refuses %s, changing nothing', async (_name, _email, send, status, code) => {
    const before = await snapshot();
    const response = await send();
    expect(response.statusCode).toBe(status);
    expect(response.json().code).toBe(code);
    expect(await snapshot()).toBe(before);
  });

  it('closes storage of a disabled course phase and restores it, data intact, when enabled again', async () => {
    const toggle = (enabled: boolean) =>
      t.as(LECTURER, {
        method: 'PATCH',
        url: `/api/courses/${t.courseId}/phases/${cp}`,
        headers: { 'if-match': '*' },
        payload: { enabled },
      });
    const before = await snapshot();
    expect((await toggle(false)).statusCode).toBe(200);
    const closedRead = await t.as(S1, { method: 'GET', url: participant(S1, 'own') });
    expect(closedRead.statusCode).toBe(403);
    expect(closedRead.json().code).toBe('CK_PHASE_DISABLED');
    expect((await put(LECTURER, course('shared'), { steps: [] }, 2)).statusCode).toBe(403);
    expect(await snapshot()).toBe(before);
    expect((await toggle(true)).statusCode).toBe(200);
    expect((await t.as(S1, { method: 'GET', url: participant(S1, 'own') })).json().doc).toEqual({
      done: ['syllabus'],
    });
  });

  it('lists every student with their document, page by page', async () => {
    const added = [];
    for (let i = 0; i < 5; i++) {
      const email = `page${i}@coursekit.test`;
      added.push(email);
      await t.as(ADMIN, {
        method: 'POST',
        url: `/api/courses/${t.courseId}/members`,
        payload: { email, role: 'student' },
      });
    }
    const seen: { email: string; version: number; doc: unknown }[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = `scope=own&limit=3${cursor ? `&cursor=${cursor}` : ''}`;
      const response = await t.as(EDITOR, {
        method: 'GET',
        url: `/api/course-phases/${cp}/participants?${query}`,
      });
      expect(response.statusCode).toBe(200);
      const page = response.json();
      seen.push(...page.items);
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    // The three seeded students and the five added ones; staff are not participants.
    expect(seen.map((item) => item.email).sort()).toEqual(
      [
        ...added,
        'student1@coursekit.test',
        'student2@coursekit.test',
        'student3@coursekit.test',
      ].sort(),
    );
    expect(pages).toBe(3);
    expect(seen.find((item) => item.email === S1)).toMatchObject({
      version: 1,
      doc: { done: ['syllabus'] },
    });
    expect(seen.find((item) => item.email === S2)).toMatchObject({ version: 0, doc: null });
    const bad = await t.as(EDITOR, {
      method: 'GET',
      url: `/api/course-phases/${cp}/participants?cursor=nonsense`,
    });
    expect(bad.statusCode).toBe(400);
  });
});
