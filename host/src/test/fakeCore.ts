/**
 * A fake registry for component tests: answers `CoreClient` requests from a table of routes, in
 * the same JSON and problem+json shapes as the real one, and records what was asked.
 */
import { CoreClient } from '@coursekit/phase-sdk/client';
import type { Me, Problem, ResolvedCourse } from '@coursekit/phase-sdk/contract';

export type FakeAnswer = { status: number; body?: unknown } | (() => never);
export type FakeRoutes = Record<string, FakeAnswer | ((body: unknown) => FakeAnswer)>;

export function problem(status: number, detail: string, code = 'CK_TEST'): Problem {
  return { type: 'about:blank', title: 'Request failed', status, detail, code };
}

export function fakeCore(routes: FakeRoutes): { core: CoreClient; calls: string[] } {
  const calls: string[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const url = new URL(String(input), 'http://coursekit.test');
    const key = `${init?.method ?? 'GET'} ${url.pathname}`;
    calls.push(key);
    const route = routes[key];
    if (!route) {
      return Response.json(problem(404, `No fake route for ${key}.`), { status: 404 });
    }
    const body = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
    const answer = typeof route === 'function' ? route(body) : route;
    if (typeof answer === 'function') return answer();
    if (answer.status === 204) return new Response(null, { status: 204 });
    return Response.json(answer.body, {
      status: answer.status,
      headers: answer.status >= 400 ? { 'content-type': 'application/problem+json' } : {},
    });
  };
  return { core: new CoreClient({ baseUrl: 'http://coursekit.test', fetch }), calls };
}

export const COURSE_ID = '00000000-0000-4000-8000-0000000000c1';
export const WELCOME_ID = '00000000-0000-4000-8000-0000000000f1';
export const KICK_OFF_ID = '00000000-0000-4000-8000-0000000000f2';

export const student: Me = {
  user: {
    id: '00000000-0000-4000-8000-000000000001',
    email: 'student1@coursekit.test',
    name: 'Student One',
    isAdmin: false,
    isDeveloper: false,
  },
  memberships: [{ courseId: COURSE_ID, role: 'student' }],
};

const introCourse = {
  courseId: COURSE_ID,
  phase: 'intro-course',
  kind: 'client-only' as const,
  version: '1.0.0',
  remote: {
    name: 'intro-course',
    entry: 'http://coursekit.test/remotes/intro-course/1.0.0/mf-manifest.json',
    integrity: {},
    baseUrl: 'http://coursekit.test/remotes/intro-course/1.0.0/',
  },
};

export const resolvedCourse: ResolvedCourse = {
  course: { id: COURSE_ID, slug: 'see', title: 'Software Engineering Essentials', term: 'WS 26' },
  role: 'student',
  phases: [
    { ...introCourse, coursePhaseId: WELCOME_ID, title: 'Welcome', position: 0, config: {} },
    {
      ...introCourse,
      coursePhaseId: KICK_OFF_ID,
      title: 'Team kick-off',
      position: 1,
      config: { steps: ['Meet your team'] },
    },
  ],
};
