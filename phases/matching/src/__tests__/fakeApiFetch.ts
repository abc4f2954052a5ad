/**
 * A fake `apiFetch` for component tests: answers from a table of `"METHOD /path"` handlers and
 * records every call, so a test can say what the server answers and check what the screen sent.
 */
import type { ApiFetch } from '@coursekit/phase-sdk/client';
import type { Problem } from '@coursekit/phase-sdk/contract';

export interface FakeCall {
  method: string;
  path: string;
  body: unknown;
}

export type FakeHandler = (call: FakeCall) => Response | Promise<Response>;

export const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

export const problem = (status: number, code: string, detail: string) =>
  new Response(
    JSON.stringify({
      type: `https://coursekit.dev/errors/${code}`,
      title: 'Refused',
      status,
      code,
      detail,
    } satisfies Problem),
    { status, headers: { 'content-type': 'application/problem+json' } },
  );

export function fakeApiFetch(handlers: Record<string, FakeHandler>) {
  const calls: FakeCall[] = [];
  const apiFetch: ApiFetch = async (path, init = {}) => {
    const call: FakeCall = {
      method: init.method ?? 'GET',
      path,
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
    };
    calls.push(call);
    const handler = handlers[`${call.method} ${path}`];
    if (!handler) throw new Error(`Test bug: no fake answer for ${call.method} ${path}.`);
    return handler(call);
  };
  return { apiFetch, calls };
}
