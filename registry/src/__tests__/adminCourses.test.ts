/**
 * The admin console's course API on both engines: create and archive courses, members of a course
 * of a thousand students paged and searched, roles changed and members removed, and every change
 * readable in the course's audit log with who, what and before → after, filtered and paged.
 */
import { AuditPage, Course, MembersPage } from '@coursekit/phase-sdk/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/testApp.js';
import { ENGINES } from './support/testDb.js';

const ADMIN = 'admin@coursekit.test';
const LECTURER = 'lecturer@coursekit.test';
const STUDENT = 'student1@coursekit.test';

describe.each(ENGINES)('admin console: courses and members on %s', (engine) => {
  let t: TestApp;
  let courseId: string;

  beforeAll(async () => {
    t = await createTestApp(engine);
    const created = await t.as(ADMIN, {
      method: 'POST',
      url: '/api/courses',
      payload: { slug: 'big-course', title: 'Big course', term: 'Summer 2027' },
    });
    expect(created.statusCode).toBe(201);
    courseId = created.json().id;
    // A thousand students, enrolled the way an import would (one statement).
    await t.testDb.db.query(
      `WITH u AS (
         INSERT INTO users (email, name)
         SELECT 'student' || lpad(i::text, 4, '0') || '@big.test', 'Student ' || lpad(i::text, 4, '0')
         FROM generate_series(1, 1000) AS i
         RETURNING id)
       INSERT INTO course_members (course_id, user_id, role) SELECT $1, id, 'student' FROM u`,
      [courseId],
    );
    await t.as(ADMIN, {
      method: 'POST',
      url: `/api/courses/${courseId}/members`,
      payload: { email: LECTURER, role: 'lecturer' },
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  const members = async (query: string, email = LECTURER) => {
    const response = await t.as(email, {
      method: 'GET',
      url: `/api/courses/${courseId}/members${query}`,
    });
    expect(response.statusCode, response.body).toBe(200);
    return MembersPage.parse(response.json());
  };

  it('pages the members of a course of a thousand students, staff first', async () => {
    const first = await members('?limit=50');
    expect(first.total).toBe(1001);
    expect(first.items).toHaveLength(50);
    expect(first.items[0]).toMatchObject({ email: LECTURER, role: 'lecturer' });
    const last = await members('?limit=50&offset=1000');
    expect(last.items.map((m) => m.email)).toEqual(['student1000@big.test']);
    const beyond = await members('?offset=5000');
    expect(beyond).toMatchObject({ items: [], total: 1001 });
  });

  it('searches members by name or email, case-insensitively, and filters by role', async () => {
    expect((await members('?q=STUDENT0999')).items.map((m) => m.email)).toEqual([
      'student0999@big.test',
    ]);
    expect((await members('?q=student%20009')).total).toBe(10); // "Student 0090" … "Student 0099"
    expect((await members('?role=lecturer')).items.map((m) => m.email)).toEqual([LECTURER]);
    // A LIKE wildcard typed in the search box is a letter, not "anything".
    expect((await members('?q=%25')).total).toBe(0);
    const tooMany = await t.as(LECTURER, {
      method: 'GET',
      url: `/api/courses/${courseId}/members?limit=1000`,
    });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().errors[0].path).toBe('querystring.limit');
  });

  it('changes a role and removes a member, and the course log says who did what', async () => {
    const [target] = (await members('?q=student0001')).items;
    if (!target) throw new Error('student0001 should be enrolled');
    const promoted = await t.as(LECTURER, {
      method: 'PATCH',
      url: `/api/courses/${courseId}/members/${target.userId}`,
      payload: { role: 'editor' },
    });
    expect(promoted.statusCode).toBe(200);
    expect(promoted.json()).toMatchObject({ email: 'student0001@big.test', role: 'editor' });
    const removed = await t.as(LECTURER, {
      method: 'DELETE',
      url: `/api/courses/${courseId}/members/${target.userId}`,
    });
    expect(removed.statusCode).toBe(204);
    const again = await t.as(LECTURER, {
      method: 'PATCH',
      url: `/api/courses/${courseId}/members/${target.userId}`,
      payload: { role: 'student' },
    });
    expect(again.statusCode).toBe(404);

    const log = AuditPage.parse(
      (
        await t.as(LECTURER, {
          method: 'GET',
          url: `/api/courses/${courseId}/audit?action=course.member.`,
        })
      ).json(),
    );
    expect(log.items.slice(0, 2).map((e) => [e.action, e.actor?.email, e.before, e.after])).toEqual(
      [
        [
          'course.member.remove',
          LECTURER,
          { userId: target.userId, email: 'student0001@big.test', role: 'editor' },
          null,
        ],
        [
          'course.member.role',
          LECTURER,
          { userId: target.userId, email: 'student0001@big.test', role: 'student' },
          { userId: target.userId, email: 'student0001@big.test', role: 'editor' },
        ],
      ],
    );
  });

  it('archives a course: members no longer list it, admins still do and can restore it', async () => {
    const archive = await t.as(ADMIN, {
      method: 'PATCH',
      url: `/api/courses/${courseId}`,
      payload: { archived: true },
    });
    expect(archive.statusCode).toBe(200);
    expect(Course.parse(archive.json()).archived).toBe(true);
    const lecturerCourses = (await t.as(LECTURER, { method: 'GET', url: '/api/courses' })).json();
    expect(lecturerCourses.map((c: Course) => c.slug)).not.toContain('big-course');
    const adminCourses = (await t.as(ADMIN, { method: 'GET', url: '/api/courses' })).json();
    expect(adminCourses.find((c: Course) => c.slug === 'big-course')?.archived).toBe(true);

    const restore = await t.as(ADMIN, {
      method: 'PATCH',
      url: `/api/courses/${courseId}`,
      payload: { archived: false },
    });
    expect(restore.json().archived).toBe(false);
    const actions = AuditPage.parse(
      (
        await t.as(ADMIN, { method: 'GET', url: `/api/courses/${courseId}/audit?action=course.` })
      ).json(),
    ).items.map((e) => e.action);
    expect(actions.slice(0, 2)).toEqual(['course.restore', 'course.archive']);
    expect(actions).toContain('course.create');

    const missing = await t.as(ADMIN, {
      method: 'PATCH',
      url: '/api/courses/00000000-0000-4000-8000-000000000000',
      payload: { archived: true },
    });
    expect(missing.statusCode).toBe(404);
    const nothing = await t.as(ADMIN, {
      method: 'PATCH',
      url: `/api/courses/${courseId}`,
      payload: {},
    });
    expect(nothing.statusCode).toBe(400);
  });

  it('renames a course: its resolve answer says so at once, and the old ETag no longer matches', async () => {
    const url = `/api/courses/${courseId}/phases`;
    const before = await t.as(LECTURER, { method: 'GET', url });
    expect(before.statusCode).toBe(200);
    expect(before.json().course.title).toBe('Big course');
    const etag = String(before.headers.etag);

    const rename = await t.as(ADMIN, {
      method: 'PATCH',
      url: `/api/courses/${courseId}`,
      payload: { title: 'Bigger course', term: 'Winter 2027/28' },
    });
    expect(rename.statusCode, rename.body).toBe(200);

    const after = await t.as(LECTURER, { method: 'GET', url, headers: { 'if-none-match': etag } });
    expect(after.statusCode).toBe(200);
    expect(after.json().course).toMatchObject({ title: 'Bigger course', term: 'Winter 2027/28' });
    expect(after.headers.etag).not.toBe(etag);
  });

  it('refuses a duplicate slug and writes nothing', async () => {
    const before = (await t.as(ADMIN, { method: 'GET', url: '/api/courses' })).json().length;
    const duplicate = await t.as(ADMIN, {
      method: 'POST',
      url: '/api/courses',
      payload: { slug: 'big-course', title: 'Another' },
    });
    expect(duplicate.statusCode).toBe(409);
    expect((await t.as(ADMIN, { method: 'GET', url: '/api/courses' })).json()).toHaveLength(before);
  });

  it('pages the audit log with a cursor and filters it by actor and time', async () => {
    const url = `/api/courses/${courseId}/audit`;
    const page = async (query: string) =>
      AuditPage.parse((await t.as(ADMIN, { method: 'GET', url: `${url}${query}` })).json());
    const all = await page('?limit=200');
    expect(all.items.length).toBeGreaterThanOrEqual(6);
    const first = await page('?limit=2');
    expect(first.items.map((e) => e.id)).toEqual(all.items.slice(0, 2).map((e) => e.id));
    const second = await page(`?limit=2&cursor=${first.nextCursor}`);
    expect(second.items.map((e) => e.id)).toEqual(all.items.slice(2, 4).map((e) => e.id));

    const byLecturer = await page('?actor=lee%20lect');
    expect(byLecturer.items.length).toBeGreaterThan(0);
    expect(new Set(byLecturer.items.map((e) => e.actor?.email))).toEqual(new Set([LECTURER]));
    const future = await page(
      `?since=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`,
    );
    expect(future).toEqual({ items: [], nextCursor: null });
    const reversed = await t.as(ADMIN, {
      method: 'GET',
      url: `${url}?since=2027-01-02T00:00:00Z&until=2027-01-01T00:00:00Z`,
    });
    expect(reversed.statusCode).toBe(400);
    // Students read no audit log, not even of their own course.
    expect(
      (await t.as(STUDENT, { method: 'GET', url: `/api/courses/${t.courseId}/audit` })).statusCode,
    ).toBe(403);
  });
});
