/**
 * Call one route of the contract through `apiFetch` (which adds the phase token and goes through
 * the core's gateway): fill in the path parameters, check the body before it leaves, and check the
 * answer against the contract on the way back. Every failure becomes a `PhaseApiError`.
 */
import type { z } from 'zod';
import {
  PROBLEM_CONTENT_TYPE,
  Problem,
  type RouteContract,
  type RouteInput,
  type RouteOutput,
} from '../contract/index.js';
import type { ApiFetch } from './createApiFetch.js';
import { PhaseApiError } from './PhaseApiError.js';

function problem(status: number, code: string, title: string, detail: string): Problem {
  return { type: `https://coursekit.dev/errors/${code}`, title, status, code, detail };
}

/** `/notes/:noteId` with `{ noteId: 'x' }` → `/notes/x`. */
export function fillPath(path: string, params: Record<string, unknown> = {}): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, (_match, name: string) => {
    const value = params[name];
    if (value === undefined || value === null) {
      throw new Error(`Bug: the path ${path} needs the parameter "${name}".`);
    }
    return encodeURIComponent(String(value));
  });
}

function invalidInput(route: RouteContract, where: string, error: z.ZodError): PhaseApiError {
  const errors = error.issues.map((issue) => ({
    path: [where, ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
  return new PhaseApiError({
    ...problem(
      400,
      'CK_VALIDATION',
      'The request is invalid',
      `${route.method} ${route.path}: ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}.`,
    ),
    errors,
  });
}

/**
 * @example
 * const note = await callRoute(apiFetch, routes.createNote, { body: { text: 'Hello' } });
 */
export async function callRoute<R extends RouteContract>(
  apiFetch: ApiFetch,
  route: R,
  input: RouteInput<R>,
): Promise<RouteOutput<R>> {
  const parts = input as { params?: Record<string, unknown>; query?: unknown; body?: unknown };
  let url = fillPath(route.path, parts.params);
  if (route.query) {
    const query = route.query.safeParse(parts.query ?? {});
    if (!query.success) throw invalidInput(route, 'query', query.error);
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(query.data)) {
      if (value !== undefined) search.set(key, String(value));
    }
    if (search.size > 0) url += `?${search}`;
  }
  const init: RequestInit = { method: route.method };
  if (route.body) {
    const body = route.body.safeParse(parts.body);
    if (!body.success) throw invalidInput(route, 'body', body.error);
    init.body = JSON.stringify(body.data);
    init.headers = { 'content-type': 'application/json' };
  }

  let response: Response;
  try {
    response = await apiFetch(url, init);
  } catch (error) {
    throw new PhaseApiError(
      problem(
        503,
        'CK_UNREACHABLE',
        'The phase server could not be reached',
        `${route.method} ${url} failed before an answer came back (${error instanceof Error ? error.message : String(error)}); check your connection and try again.`,
      ),
      { cause: error },
    );
  }

  const where = `${route.method} ${url}`;
  if (!response.ok) {
    const text = await response.text().catch(() => '');
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    const sent = Problem.safeParse(parsed);
    if (sent.success) throw new PhaseApiError(sent.data);
    const status = response.status >= 400 && response.status <= 599 ? response.status : 502;
    throw new PhaseApiError(
      problem(
        status,
        `CK_HTTP_${response.status}`,
        response.statusText || 'The phase server refused the request',
        `${where} answered ${response.status} without a ${PROBLEM_CONTENT_TYPE} body; is the phase server running and registered with the core?`,
      ),
    );
  }
  if (!route.response) return undefined as RouteOutput<R>;

  let json: unknown;
  try {
    json = await response.json();
  } catch (error) {
    throw new PhaseApiError(
      problem(502, 'CK_BAD_RESPONSE', 'The answer is not JSON', `${where} answered non-JSON.`),
      { cause: error },
    );
  }
  const result = route.response.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new PhaseApiError(
      problem(
        502,
        'CK_BAD_RESPONSE',
        'The answer does not match the contract',
        `${where} answered a body that does not match the contract (${issue?.path.join('.') || 'body'}: ${issue?.message}); deploy the remote and the server from the same version.`,
      ),
    );
  }
  return result.data as RouteOutput<R>;
}
