// @vitest-environment happy-dom
/**
 * The route hooks against a phase server faked from its contract: a query shows the answer and a
 * refusal's problem, a mutation's success refetches what it made stale (and only this course
 * phase's), a mutation's refusal is shown and changes nothing, and a bad body never leaves.
 */
import { act, cleanup, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { type Item, itemRoutes } from '../../client/__tests__/itemRoutes.js';
import { createRouteClient } from '../../client/index.js';
import { fakePhaseServer, fakeProblem, TestPhaseProvider } from '../../testing/index.js';
import { useRouteMutation, useRouteQuery } from '../index.js';

const routes = itemRoutes;

function serverWith(items: Item[]) {
  return fakePhaseServer(routes, {
    listItems: ({ query }) => ({
      items: items.filter((item) => item.text.startsWith(query.prefix ?? '')),
    }),
    getItem: ({ params }) => {
      const item = items.find((candidate) => candidate.id === params.id);
      if (!item) throw fakeProblem(404, 'CK_NOT_FOUND', `Item "${params.id}" does not exist.`);
      return item;
    },
    addItem: ({ body }) => {
      const item = { id: items.length + 1, text: body.text };
      items.push(item);
      return item;
    },
    clearItems: () => {
      items.length = 0;
    },
  });
}

afterEach(cleanup);

describe('route hooks', () => {
  const wrapperFor =
    (server: ReturnType<typeof serverWith>, role: 'student' | 'lecturer' = 'student') =>
    ({ children }: { children: ReactNode }) => (
      <TestPhaseProvider value={{ role }} server={server}>
        {children}
      </TestPhaseProvider>
    );

  it('reads a route with its input, and shows a refusal as the server sent it', async () => {
    const server = serverWith([
      { id: 1, text: 'apple' },
      { id: 2, text: 'banana' },
    ]);
    const { result } = renderHook(
      () => ({
        some: useRouteQuery(routes.listItems, { query: { prefix: 'b' } }),
        missing: useRouteQuery(routes.getItem, { params: { id: 9 } }),
      }),
      { wrapper: wrapperFor(server) },
    );
    await waitFor(() =>
      expect(result.current.some.data?.items).toEqual([{ id: 2, text: 'banana' }]),
    );
    await waitFor(() => expect(result.current.missing.isError).toBe(true));
    expect(result.current.missing.error?.code).toBe('CK_NOT_FOUND');
    expect(result.current.missing.error?.message).toBe('Item "9" does not exist.');
  });

  it('refetches what a successful change made stale', async () => {
    const server = serverWith([{ id: 1, text: 'apple' }]);
    const { result } = renderHook(
      () => ({ list: useRouteQuery(routes.listItems), add: useRouteMutation(routes.addItem) }),
      { wrapper: wrapperFor(server) },
    );
    await waitFor(() => expect(result.current.list.data?.items).toHaveLength(1));
    await act(() => result.current.add.mutateAsync({ body: { text: 'cherry' } }));
    await waitFor(() => expect(result.current.list.data?.items).toHaveLength(2));
    expect(server.callsOf('addItem').map((call) => call.body)).toEqual([{ text: 'cherry' }]);
    expect(server.callsOf('listItems')).toHaveLength(2);
  });

  it("shows a refused change (the contract's roles) and leaves the data as it was", async () => {
    const server = serverWith([{ id: 1, text: 'apple' }]);
    const { result } = renderHook(
      () => ({ list: useRouteQuery(routes.listItems), clear: useRouteMutation(routes.clearItems) }),
      { wrapper: wrapperFor(server, 'student') },
    );
    await waitFor(() => expect(result.current.list.isSuccess).toBe(true));
    await act(async () => {
      await result.current.clear.mutateAsync().catch(() => {});
    });
    await waitFor(() => expect(result.current.clear.isError).toBe(true));
    expect(result.current.clear.error?.code).toBe('CK_TOKEN_WRONG_ROLE');
    expect(result.current.list.data?.items).toEqual([{ id: 1, text: 'apple' }]);
  });

  it('never sends a body that breaks the contract', async () => {
    const server = serverWith([]);
    const { result } = renderHook(() => useRouteMutation(routes.addItem), {
      wrapper: wrapperFor(server),
    });
    await act(async () => {
      await result.current.mutateAsync({ body: { text: '' } }).catch(() => {});
    });
    await waitFor(() => expect(result.current.error?.code).toBe('CK_VALIDATION'));
    expect(server.calls).toEqual([]);
  });

  it('refuses a changing route in useRouteQuery, saying which hook to use', () => {
    const server = serverWith([]);
    expect(() =>
      renderHook(() => useRouteQuery(routes.addItem, { body: { text: 'x' } }), {
        wrapper: wrapperFor(server),
      }),
    ).toThrow(/use useRouteMutation\(\)/);
  });
});

describe('createRouteClient', () => {
  it('has one typed method per route of the contract', async () => {
    const server = serverWith([{ id: 1, text: 'apple' }]);
    const client = createRouteClient(server.apiFetch, routes);
    expect(await client.listItems()).toEqual({ items: [{ id: 1, text: 'apple' }] });
    expect(await client.addItem({ body: { text: 'pear' } })).toEqual({ id: 2, text: 'pear' });
    expect(await client.getItem({ params: { id: 2 } })).toEqual({ id: 2, text: 'pear' });
  });
});
