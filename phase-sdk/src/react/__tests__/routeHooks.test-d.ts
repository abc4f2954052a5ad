/** The route client and hooks take their types from the contract: misuse does not compile. */
import { expectTypeOf, test } from 'vitest';
import { z } from 'zod';
import type { createRouteClient } from '../../client/index.js';
import { defineRoute } from '../../contract/index.js';
import { useRouteMutation, useRouteQuery } from '../index.js';

const routes = {
  list: defineRoute({
    method: 'GET',
    path: '/things',
    summary: 'Things',
    response: z.object({ things: z.array(z.string()) }),
  }),
  get: defineRoute({
    method: 'GET',
    path: '/things/:id',
    summary: 'One',
    params: z.object({ id: z.string() }),
    response: z.object({ name: z.string() }),
  }),
  add: defineRoute({
    method: 'POST',
    path: '/things',
    summary: 'Add',
    body: z.object({ name: z.string() }),
    status: 201,
    response: z.object({ name: z.string() }),
  }),
} as const;

declare const client: ReturnType<typeof createRouteClient<typeof routes>>;

test('the client takes exactly what each route declares', () => {
  expectTypeOf(client.list()).resolves.toEqualTypeOf<{ things: string[] }>();
  expectTypeOf(client.get({ params: { id: 'a' } })).resolves.toEqualTypeOf<{ name: string }>();
  // @ts-expect-error: the route needs its params.
  void client.get();
  // @ts-expect-error: the body has a name, not a title.
  void client.add({ body: { title: 'x' } });
});

test('the hooks are typed by the contract', () => {
  const things = useRouteQuery(routes.list);
  expectTypeOf(things.data).toEqualTypeOf<{ things: string[] } | undefined>();
  // @ts-expect-error: params are required.
  useRouteQuery(routes.get);
  const add = useRouteMutation(routes.add);
  add.mutate({ body: { name: 'x' } });
  // @ts-expect-error: wrong body.
  add.mutate({ body: { name: 1 } });
});
