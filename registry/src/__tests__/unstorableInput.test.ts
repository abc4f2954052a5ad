/**
 * Regression: NUL characters and lone surrogates in text fields and documents, and documents
 * nested thousands of levels deep, were 500s (PostgreSQL refuses the first two; the third
 * overflowed the stack), and the 500 logged the document. They are 400 problem+json naming the
 * field, and nothing is written. (Only 5xx answers log their error, so no 5xx means no log.)
 * The property tests in `badInputProperties.test.ts` try every route; these are the examples.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addIntroCoursePhase } from './support/introCoursePhase.js';
import {
  type PhaseBuildServer,
  phaseBuild,
  startPhaseBuildServer,
} from './support/phaseBuildServer.js';
import { createTestApp, type TestApp } from './support/testApp.js';
import { ENGINES } from './support/testDb.js';

const ADMIN = 'admin@coursekit.test';
const LECTURER = 'lecturer@coursekit.test';
const S1 = 'student1@coursekit.test';
const NUL = 'a\u0000b';
const SURROGATE = 'a\ud800b';
const deepJson = (depth: number) => `{"doc":${'['.repeat(depth)}${']'.repeat(depth)}}`;

describe.each(ENGINES)('unstorable input on %s', (engine) => {
  let t: TestApp;
  let builds: PhaseBuildServer;
  let cp: string;
  let s1: string;
  let snapshot: () => Promise<string>;

  beforeAll(async () => {
    [t, builds] = await Promise.all([createTestApp(engine), startPhaseBuildServer()]);
    builds.publish(
      '/intro-course/1.0.1',
      phaseBuild('intro-course', '1.0.1', { descriptor: { title: NUL } }),
    );
    cp = await addIntroCoursePhase(t, builds);
    s1 = (await t.as(S1, { method: 'GET', url: '/api/me' })).json().user.id;
    snapshot = async () => {
      const tables = ['courses', 'course_members', 'phase_types', 'phase_versions'];
      const more = ['course_phases', 'phase_data', 'participation_data', 'audit_log'];
      const rows = await Promise.all(
        [...tables, ...more].map((table) =>
          t.testDb.db.query(`SELECT to_jsonb(x)::text AS row FROM ${table} x ORDER BY 1`),
        ),
      );
      return JSON.stringify(rows);
    };
  });
  afterAll(async () => {
    await Promise.all([t?.close(), builds?.close()]);
  });

  type Case = [string, string, 'POST' | 'PATCH' | 'PUT' | 'GET', string, unknown, string];
  const cases = (bad: string): Case[] => [
    ['course title', ADMIN, 'POST', '/api/courses', { slug: 'c-1', title: bad }, 'body.title'],
    [
      'course term',
      ADMIN,
      'POST',
      '/api/courses',
      { slug: 'c-2', title: 'T', term: bad },
      'body.term',
    ],
    ['course slug', ADMIN, 'POST', '/api/courses', { slug: bad, title: 'T' }, 'body.slug'],
    [
      'member email',
      ADMIN,
      'POST',
      '/api/courses/{course}/members',
      { email: `x${bad}@coursekit.test`, role: 'student' },
      'body.email',
    ],
    [
      'phase type title',
      ADMIN,
      'POST',
      '/api/phase-types',
      { name: 'quiz', title: bad, kind: 'client-only' },
      'body.title',
    ],
    [
      'phase type description',
      ADMIN,
      'POST',
      '/api/phase-types',
      { name: 'quiz', title: 'Quiz', kind: 'client-only', description: bad },
      'body.description',
    ],
    [
      'API token name',
      ADMIN,
      'POST',
      '/api/admin/api-tokens',
      { email: ADMIN, name: bad, phase: null },
      'body.name',
    ],
    [
      'publisher phase',
      ADMIN,
      'POST',
      '/api/admin/phase-publishers',
      { phase: bad, email: S1 },
      'body.phase',
    ],
    [
      'descriptor URL',
      ADMIN,
      'POST',
      '/api/phase-types/intro-course/versions',
      { descriptorUrl: `http://127.0.0.1/${bad}` },
      'body.descriptorUrl',
    ],
    [
      'course phase title',
      LECTURER,
      'POST',
      '/api/courses/{course}/phases',
      { phase: 'intro-course', title: bad },
      'body.title',
    ],
    [
      'course phase config value',
      LECTURER,
      'PATCH',
      '/api/courses/{course}/phases/{cp}',
      { config: { welcome: { text: bad } } },
      'body.config.welcome.text',
    ],
    [
      'course phase config key',
      LECTURER,
      'PATCH',
      '/api/courses/{course}/phases/{cp}',
      { config: { [bad]: 1 } },
      'body.config',
    ],
    [
      'course document',
      LECTURER,
      'PUT',
      '/api/course-phases/{cp}/data/shared',
      { steps: [{ title: bad }] },
      'body.steps.0.title',
    ],
    [
      'participant document key',
      S1,
      'PUT',
      '/api/course-phases/{cp}/participants/{s1}/data/own',
      { [bad]: true },
      'body',
    ],
    [
      'course settings title',
      ADMIN,
      'PATCH',
      '/api/courses/{course}',
      { title: bad },
      'body.title',
    ],
    ['course settings term', ADMIN, 'PATCH', '/api/courses/{course}', { term: bad }, 'body.term'],
    [
      'participants cursor',
      LECTURER,
      'GET',
      `/api/course-phases/{cp}/participants?cursor=${bad === NUL ? 'a%00b' : 'a%ED%A0%80b'}`,
      undefined,
      'cursor',
    ],
  ];

  // A URL cannot carry a lone surrogate (invalid UTF-8 decodes to U+FFFD), so search boxes are
  // checked with NUL alone.
  const queryCases = (bad: string): Case[] =>
    bad === NUL
      ? [
          [
            'members search',
            LECTURER,
            'GET',
            '/api/courses/{course}/members?q=a%00b',
            undefined,
            'q',
          ],
          [
            'audit log actor filter',
            ADMIN,
            'GET',
            '/api/courses/{course}/audit?actor=a%00b',
            undefined,
            'actor',
          ],
        ]
      : [];

  const fill = (url: string) =>
    url.replace('{course}', t.courseId).replace('{cp}', cp).replace('{s1}', s1);

  describe.each([
    ['a NUL', NUL],
    ['a lone surrogate', SURROGATE],
  ])('%s', (_what, bad) => {
    it.each([...cases(bad), ...queryCases(bad)])(
      'in the %s is a 400 naming the field',
      async (_f, who, method, url, payload, field) => {
        const before = await snapshot();
        const response = await t.as(who, {
          method,
          url: fill(url),
          headers: { 'if-match': '"0"' },
          ...(payload === undefined ? {} : { payload: payload as object }),
        });
        expect(response.statusCode, response.body).toBe(400);
        expect(response.headers['content-type']).toContain('application/problem+json');
        const problem = response.json();
        expect(problem.code).toBe('CK_VALIDATION');
        expect(problem.errors.map((e: { path: string }) => e.path).join(' ')).toContain(field);
        expect(await snapshot()).toBe(before);
      },
    );
  });

  it.each([
    ['a NUL in the name', ['a\u0000', '7f3b1c2e-0000-4000-8000-000000000000']],
    ['an id that is no uuid', ['a', 'x']],
    ['a lone surrogate', ['\ud800', '7f3b1c2e-0000-4000-8000-000000000000']],
  ])('refuses a forged cursor with %s', async (_what, position) => {
    const cursor = Buffer.from(JSON.stringify(position)).toString('base64url');
    const response = await t.as(LECTURER, {
      method: 'GET',
      url: `/api/course-phases/${cp}/participants?cursor=${cursor}`,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].path).toBe('query.cursor');
  });

  it('refuses a phase.json whose title holds a NUL as an invalid descriptor', async () => {
    const before = await snapshot();
    const response = await t.as(ADMIN, {
      method: 'POST',
      url: '/api/phase-types/intro-course/versions',
      payload: { descriptorUrl: `${builds.origin}/intro-course/1.0.1/phase.json` },
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().code).toBe('CK_PHASE_DESCRIPTOR_INVALID');
    expect(await snapshot()).toBe(before);
  });

  it.each([
    ['a course document', 'PUT', '/api/course-phases/{cp}/data/shared', 'body'],
    ['a participant document', 'PUT', '/api/course-phases/{cp}/participants/{s1}/data/own', 'body'],
    ['a course phase config', 'PATCH', '/api/courses/{course}/phases/{cp}', 'body.config'],
  ] as const)('refuses %s nested 5 000 levels deep with 400', async (_what, method, url, field) => {
    const before = await snapshot();
    const who = url.includes('participants') ? S1 : LECTURER;
    const body = url.includes('/data/')
      ? `${'['.repeat(5_000)}${']'.repeat(5_000)}`
      : deepJson(5_000).replace('"doc"', '"config":{"x"').concat('}');
    const response = await t.as(who, {
      method,
      url: fill(url),
      headers: { 'content-type': 'application/json', 'if-match': '"0"' },
      payload: body,
    });
    expect(response.statusCode, response.body.slice(0, 300)).toBe(400);
    const problem = response.json();
    expect(problem.code).toBe('CK_VALIDATION');
    expect(problem.detail).toContain('deeper than 64');
    expect(problem.errors[0].path.startsWith(field)).toBe(true);
    expect(await snapshot()).toBe(before);
  });
});
