/**
 * Bad input never gets a 500 and never writes: unknown routes, malformed JSON, bodies failing the
 * contract, unknown or malformed ids. Each answer is problem+json naming the field.
 */
import { MAX_URL_LENGTH } from '@coursekit/phase-sdk/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/testApp.js';
import { ENGINES } from './support/testDb.js';

const ADMIN = 'admin@coursekit.test';
const LECTURER = 'lecturer@coursekit.test';
const UNKNOWN_ID = '7f3b1c2e-0000-4000-8000-000000000000';
const LONG_URL = `http://builds.example/${'a'.repeat(MAX_URL_LENGTH)}/phase.json`;

describe.each(ENGINES)('bad input on %s', (engine) => {
  let t: TestApp;
  let writes: () => Promise<number>;

  beforeAll(async () => {
    t = await createTestApp(engine);
    writes = async () => {
      const [row] = await t.testDb.db.query<{ n: string }>(
        `SELECT (SELECT count(*) FROM audit_log) + (SELECT count(*) FROM courses)
              + (SELECT count(*) FROM course_phases) + (SELECT count(*) FROM phase_types)
              + (SELECT count(*) FROM course_members) AS n`,
      );
      return Number(row?.n);
    };
  });
  afterAll(async () => t?.close());

  const problem = (response: {
    statusCode: number;
    headers: Record<string, unknown>;
    json(): unknown;
  }) => {
    expect(response.headers['content-type']).toContain('application/problem+json');
    return response.json() as {
      status: number;
      code: string;
      detail: string;
      errors?: { path: string }[];
    };
  };

  const cases: [string, string | null, Parameters<TestApp['as']>[1], number, string, string?][] = [
    ['unknown API route', ADMIN, { method: 'GET', url: '/api/nope' }, 404, 'CK_ROUTE_NOT_FOUND'],
    [
      'unknown top-level route without HTML accept',
      null,
      { method: 'GET', url: '/nothing-here' },
      404,
      'CK_ROUTE_NOT_FOUND',
    ],
    [
      'malformed JSON',
      ADMIN,
      {
        method: 'POST',
        url: '/api/courses',
        headers: { 'content-type': 'application/json' },
        payload: '{"slug": ',
      },
      400,
      'CK_MALFORMED_JSON',
    ],
    [
      'body failing the schema',
      ADMIN,
      { method: 'POST', url: '/api/courses', payload: { slug: 'Not A Slug!', title: '' } },
      400,
      'CK_VALIDATION',
      'body.slug',
    ],
    // Regression: URLs had no length bound, so a megabyte-long one was fetched, stored and quoted
    // back in every answer about it; they are refused before anything is fetched.
    [
      'a descriptor URL longer than any browser sends',
      ADMIN,
      {
        method: 'POST',
        url: '/api/phase-types/quiz/versions',
        payload: { descriptorUrl: LONG_URL },
      },
      400,
      'CK_VALIDATION',
      'body.descriptorUrl',
    ],
    [
      'a server URL longer than any browser sends',
      ADMIN,
      {
        method: 'POST',
        url: '/api/phase-types/quiz/versions',
        payload: { descriptorUrl: 'http://builds.example/phase.json', serverUrl: LONG_URL },
      },
      400,
      'CK_VALIDATION',
      'body.serverUrl',
    ],
    [
      'a phase override URL longer than any browser sends',
      ADMIN,
      { method: 'PUT', url: '/api/me/phase-overrides/quiz', payload: { descriptorUrl: LONG_URL } },
      400,
      'CK_VALIDATION',
      'body.descriptorUrl',
    ],
    [
      'wrong content type',
      ADMIN,
      {
        method: 'POST',
        url: '/api/courses',
        headers: { 'content-type': 'text/plain' },
        payload: 'hello',
      },
      415,
      'CK_UNSUPPORTED_MEDIA_TYPE',
    ],
    [
      'unknown course id',
      ADMIN,
      { method: 'GET', url: `/api/courses/${UNKNOWN_ID}/phases` },
      404,
      'CK_NOT_FOUND',
    ],
    [
      'malformed course id',
      ADMIN,
      { method: 'GET', url: '/api/courses/not-a-uuid/phases' },
      404,
      'CK_NOT_FOUND',
    ],
    [
      'unknown course phase id',
      ADMIN,
      {
        method: 'PATCH',
        url: `/api/courses/{course}/phases/${UNKNOWN_ID}`,
        headers: { 'if-match': '*' },
        payload: { enabled: false },
      },
      404,
      'CK_NOT_FOUND',
    ],
    [
      'empty patch',
      LECTURER,
      { method: 'PATCH', url: `/api/courses/{course}/phases/${UNKNOWN_ID}`, payload: {} },
      400,
      'CK_VALIDATION',
    ],
    [
      'unknown phase type in a composition',
      LECTURER,
      {
        method: 'POST',
        url: '/api/courses/{course}/phases',
        headers: { 'if-match': '*' },
        payload: { phase: 'ghost', title: 'Ghost' },
      },
      422,
      'CK_NO_PHASE_VERSION',
      'body.phase',
    ],
    [
      'invalid phase name',
      ADMIN,
      {
        method: 'POST',
        url: '/api/phase-types',
        payload: { name: 'Bad Name', title: 'x', kind: 'client-only' },
      },
      400,
      'CK_VALIDATION',
      'body.name',
    ],
    [
      'unknown phase type versions',
      ADMIN,
      { method: 'GET', url: '/api/phase-types/ghost/versions' },
      404,
      'CK_NOT_FOUND',
    ],
    [
      'non-http descriptor URL',
      ADMIN,
      {
        method: 'POST',
        url: '/api/phase-types/ghost/versions',
        payload: { descriptorUrl: 'file:///etc/passwd' },
      },
      400,
      'CK_VALIDATION',
      'body.descriptorUrl',
    ],
    [
      'member with an unknown role',
      LECTURER,
      {
        method: 'POST',
        url: '/api/courses/{course}/members',
        payload: { email: 'new@coursekit.test', role: 'king' },
      },
      400,
      'CK_VALIDATION',
      'body.role',
    ],
    [
      'duplicate course slug',
      ADMIN,
      { method: 'POST', url: '/api/courses', payload: { slug: 'se-essentials', title: 'Again' } },
      409,
      'CK_CONFLICT',
    ],
  ];

  it.each(cases)('%s', async (_name, email, options, status, code, field) => {
    const before = await writes();
    const response = await t.as(email, {
      ...options,
      url: String(options.url).replace('{course}', t.courseId),
    });
    expect(response.statusCode).toBe(status);
    const body = problem(response);
    expect(body).toMatchObject({ status, code });
    expect(body.detail).toBeTruthy();
    if (field) expect(body.errors?.map((e) => e.path)).toContain(field);
    expect(await writes()).toBe(before);
  });

  it('serves the OpenAPI document generated from the contract', async () => {
    const response = await t.app.inject({ url: '/api/openapi.json' });
    expect(response.statusCode).toBe(200);
    const doc = response.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/courses',
        '/api/courses/{courseId}/phases',
        '/api/phase-types/{name}/versions',
      ]),
    );
  });
});
