/**
 * A route client made from a contract keeps its promise: path parameters, query and body are sent
 * as the contract says, answers are checked against it, and every kind of failure arrives as a
 * `PhaseApiError` carrying a problem that says what happened. (These cases used to be repeated by
 * every phase for its hand-written client; the client is the SDK's now, and so are its tests.)
 */
import { describe, expect, it } from 'vitest';
import type { Problem } from '../../contract/index.js';
import type { ApiFetch } from '../createApiFetch.js';
import { createRouteClient, PhaseApiError } from '../index.js';
import { itemRoutes } from './itemRoutes.js';

const routes = itemRoutes;

interface Sent {
  method: string;
  path: string;
  body: unknown;
}

/** An `apiFetch` that answers every request with `answer` and records what was sent. */
function recording(answer: (sent: Sent) => Response) {
  const sent: Sent[] = [];
  const apiFetch: ApiFetch = async (path, init = {}) => {
    const call = {
      method: init.method ?? 'GET',
      path,
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
    };
    sent.push(call);
    return answer(call);
  };
  return { client: createRouteClient(apiFetch, routes), sent };
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

const problem = (status: number, code: string, detail: string) =>
  json(
    { type: `https://coursekit.dev/errors/${code}`, title: 'Refused', status, code, detail },
    status,
  );

async function failure(promise: Promise<unknown>): Promise<PhaseApiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PhaseApiError);
  return error as PhaseApiError;
}

describe('createRouteClient', () => {
  it('fills path parameters, sends query and body, and resolves 204 to undefined', async () => {
    const { client, sent } = recording(({ method, path, body }) =>
      method === 'DELETE'
        ? new Response(null, { status: 204 })
        : method === 'POST'
          ? json({ id: 7, ...(body as object) }, 201)
          : path.startsWith('/items/')
            ? json({ id: 42, text: 'found' })
            : json({ items: [] }),
    );
    expect(await client.getItem({ params: { id: 42 } })).toEqual({ id: 42, text: 'found' });
    expect(await client.addItem({ body: { text: ' Hi ' } })).toEqual({ id: 7, text: 'Hi' });
    await expect(client.clearItems()).resolves.toBeUndefined();
    await client.listItems({ query: { prefix: 'me & you' } });
    await client.listItems();
    expect(sent).toEqual([
      { method: 'GET', path: '/items/42', body: undefined },
      { method: 'POST', path: '/items', body: { text: 'Hi' } },
      { method: 'DELETE', path: '/items', body: undefined },
      { method: 'GET', path: '/items?prefix=me+%26+you', body: undefined },
      { method: 'GET', path: '/items', body: undefined },
    ]);
  });

  it('carries the server’s problem+json', async () => {
    const { client } = recording(() =>
      problem(403, 'CK_TOKEN_WRONG_ROLE', 'This needs the role lecturer or editor.'),
    );
    const error = await failure(client.listItems());
    expect(error).toMatchObject({ status: 403, code: 'CK_TOKEN_WRONG_ROLE' });
    expect(error.message).toBe('This needs the role lecturer or editor.');
    expect(error.problem satisfies Problem).toMatchObject({ status: 403 });
  });

  it('checks the body before sending, with the same field errors as the server', async () => {
    const { client, sent } = recording(() => json({}));
    const error = await failure(client.addItem({ body: { text: ' ' } }));
    expect(error.code).toBe('CK_VALIDATION');
    expect(error.problem.errors).toEqual([
      { path: 'body.text', message: 'write at least one character' },
    ]);
    expect(sent).toEqual([]);
  });

  it('refuses an answer that breaks the contract', async () => {
    const { client } = recording(() => json({ items: [{ id: 'x' }] }));
    const error = await failure(client.listItems());
    expect(error).toMatchObject({ status: 502, code: 'CK_BAD_RESPONSE' });
    expect(error.message).toContain('GET /items');
  });

  it('explains a gateway error page and a network failure', async () => {
    const gateway = recording(() => new Response('<html>Bad gateway</html>', { status: 502 }));
    const bad = await failure(gateway.client.listItems());
    expect(bad).toMatchObject({ status: 502, code: 'CK_HTTP_502' });
    expect(bad.message).toContain('is the phase server running');

    const offline = await failure(
      createRouteClient(async () => {
        throw new TypeError('Failed to fetch');
      }, routes).listItems(),
    );
    expect(offline).toMatchObject({ status: 503, code: 'CK_UNREACHABLE' });
    expect(offline.message).toContain('Failed to fetch');
  });
});
