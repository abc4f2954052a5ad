/**
 * A phase's own server faked from its contract, for component tests: give a handler per route (by
 * the name it has in the phase's `routes`), and `apiFetch` answers as the real server would. The
 * request is matched and validated with the route's own schemas (a bad body gets 400 `CK_VALIDATION`
 * problem+json, an unknown path 404), roles are enforced for the test user's role, the handler's
 * answer is typed by the response schema, and a handler throws `fakeProblem(...)` to refuse. Every
 * call is recorded for assertions.
 */
import type { z } from 'zod';
import type { ApiFetch } from '../client/createApiFetch.js';
import {
  type CourseRole,
  PROBLEM_CONTENT_TYPE,
  type Problem,
  type RouteContract,
} from '../contract/index.js';

type Parsed<R, K extends 'params' | 'query' | 'body'> = R extends {
  [P in K]: infer S extends z.ZodType;
}
  ? z.output<S>
  : undefined;

/** What a fake handler of route `R` gets. */
export interface FakeRouteCall<R extends RouteContract = RouteContract> {
  params: Parsed<R, 'params'>;
  query: Parsed<R, 'query'>;
  body: Parsed<R, 'body'>;
  /** The role of the caller (the test's user). */
  role: CourseRole | null;
}

export type FakeRouteHandler<R extends RouteContract> = (
  call: FakeRouteCall<R>,
) => R extends { response: infer S extends z.ZodType }
  ? z.input<S> | Promise<z.input<S>>
  : undefined | Promise<undefined> | void | Promise<void>;

export type FakeRouteHandlers<Routes extends Record<string, RouteContract>> = {
  [K in keyof Routes]?: FakeRouteHandler<Routes[K]>;
};

export interface RecordedCall {
  /** The route's name in the contract's `routes`. */
  route: string;
  method: string;
  path: string;
  params: unknown;
  query: unknown;
  body: unknown;
}

export interface FakePhaseServer {
  apiFetch: ApiFetch;
  /** Every request that reached a route, in order. */
  calls: RecordedCall[];
  /** Calls of one route. */
  callsOf(route: string): RecordedCall[];
  /** The role the fake checks the contract's `roles` against; `TestPhaseProvider` sets it. */
  role: CourseRole | null;
}

/** A refusal for a fake handler to throw, answered as the server would: problem+json. */
export class FakeProblem extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title);
  }
}

/**
 * @example
 * throw fakeProblem(409, 'CK_CONFLICT', 'A topic titled "Compilers" already exists.');
 */
export function fakeProblem(status: number, code: string, detail: string): FakeProblem {
  return new FakeProblem({
    type: `https://coursekit.dev/errors/${code}`,
    title: detail,
    status,
    code,
    detail,
  });
}

const answer = (status: number, body: unknown, contentType = 'application/json') =>
  new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'content-type': contentType },
  });

const problemAnswer = (problem: Problem) => answer(problem.status, problem, PROBLEM_CONTENT_TYPE);

function matchPath(pattern: string, path: string): Record<string, string> | undefined {
  const names: string[] = [];
  const regex = new RegExp(
    `^${pattern
      .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
      .replace(/:([A-Za-z0-9_]+)/g, (_m, name: string) => {
        names.push(name);
        return '([^/]+)';
      })}$`,
  );
  const match = regex.exec(path);
  if (!match) return undefined;
  return Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(match[i + 1] ?? '')]));
}

function invalid(where: string, error: z.ZodError): Response {
  const errors = error.issues.map((issue) => ({
    path: [where, ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
  return problemAnswer({
    type: 'https://coursekit.dev/errors/CK_VALIDATION',
    title: 'The request is invalid',
    status: 400,
    code: 'CK_VALIDATION',
    detail: `The ${where} is invalid: ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}.`,
    errors,
  });
}

/**
 * @example
 * const server = fakePhaseServer(routes, {
 *   listNotes: () => ({ notes }),
 *   createNote: ({ body }) => ({ id: crypto.randomUUID(), text: body.text, ... }),
 * });
 * render(<TestPhaseProvider server={server}><Notes /></TestPhaseProvider>);
 * expect(server.callsOf('createNote')[0]?.body).toEqual({ text: 'Hi' });
 */
export function fakePhaseServer<const Routes extends Record<string, RouteContract>>(
  routes: Routes,
  // NoInfer: the routes alone fix the types, so a handler's answer is checked against them (a
  // literal such as `view: 'staff'` stays a literal).
  handlers: NoInfer<FakeRouteHandlers<Routes>>,
): FakePhaseServer {
  const calls: RecordedCall[] = [];
  const server: FakePhaseServer = {
    calls,
    callsOf: (route) => calls.filter((call) => call.route === route),
    role: 'student',
    apiFetch: async (url, init = {}) => {
      const method = (init.method ?? 'GET').toUpperCase();
      const [path = '', search = ''] = url.split('?');
      for (const [name, route] of Object.entries(routes)) {
        if (route.method !== method) continue;
        const rawParams = matchPath(route.path, path);
        if (!rawParams) continue;

        const params = route.params ? route.params.safeParse(rawParams) : undefined;
        if (params && !params.success) return invalid('params', params.error);
        const query = route.query
          ? route.query.safeParse(Object.fromEntries(new URLSearchParams(search)))
          : undefined;
        if (query && !query.success) return invalid('querystring', query.error);
        let rawBody: unknown;
        if (typeof init.body === 'string') {
          try {
            rawBody = JSON.parse(init.body);
          } catch {
            return problemAnswer({
              type: 'https://coursekit.dev/errors/CK_MALFORMED_JSON',
              title: 'The request body is not valid JSON',
              status: 400,
              code: 'CK_MALFORMED_JSON',
            });
          }
        }
        const body = route.body ? route.body.safeParse(rawBody) : undefined;
        if (body && !body.success) return invalid('body', body.error);

        const call = {
          params: params?.data,
          query: query?.data,
          body: body?.data,
          role: server.role,
        };
        calls.push({ route: name, method, path, ...call });
        if (route.roles && !(server.role && route.roles.includes(server.role))) {
          return problemAnswer({
            type: 'https://coursekit.dev/errors/CK_TOKEN_WRONG_ROLE',
            title: 'Not allowed',
            status: 403,
            code: 'CK_TOKEN_WRONG_ROLE',
            detail: `This needs the role ${route.roles.join(' or ')}; the token says ${server.role}.`,
          });
        }
        const handler = handlers[name] as ((call: FakeRouteCall) => unknown) | undefined;
        if (!handler) {
          throw new Error(
            `Test bug: the fake phase server has no handler for ${name} (${method} ${route.path}); add one to fakePhaseServer(routes, { ${name}: … }).`,
          );
        }
        try {
          const result = await handler(call as FakeRouteCall);
          const status = route.status ?? 200;
          if (!route.response) return new Response(null, { status });
          const checked = route.response.safeParse(result);
          if (!checked.success) {
            throw new Error(
              `Test bug: the fake answer of ${name} does not match its contract: ${checked.error.issues[0]?.path.join('.')} ${checked.error.issues[0]?.message}.`,
            );
          }
          return answer(status, result);
        } catch (error) {
          if (error instanceof FakeProblem) return problemAnswer(error.problem);
          throw error;
        }
      }
      return problemAnswer({
        type: 'https://coursekit.dev/errors/CK_ROUTE_NOT_FOUND',
        title: 'No such route',
        status: 404,
        code: 'CK_ROUTE_NOT_FOUND',
        detail: `The contract has no route ${method} ${path}.`,
      });
    },
  };
  return server;
}
