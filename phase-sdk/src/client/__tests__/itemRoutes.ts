/** A small contract for the route client's and route hooks' tests: a list, one item, add, clear. */
import { z } from 'zod';
import { defineRoute } from '../../contract/index.js';

export const Item = z.object({ id: z.number(), text: z.string() });
export type Item = z.infer<typeof Item>;

export const itemRoutes = {
  listItems: defineRoute({
    method: 'GET',
    path: '/items',
    summary: 'Items',
    query: z.object({ prefix: z.string().optional() }),
    response: z.object({ items: z.array(Item) }),
  }),
  getItem: defineRoute({
    method: 'GET',
    path: '/items/:id',
    summary: 'One item',
    params: z.object({ id: z.coerce.number() }),
    response: Item,
  }),
  addItem: defineRoute({
    method: 'POST',
    path: '/items',
    summary: 'Add',
    body: z.object({ text: z.string().trim().min(1, 'write at least one character') }),
    status: 201,
    response: Item,
  }),
  clearItems: defineRoute({
    method: 'DELETE',
    path: '/items',
    summary: 'Clear (staff)',
    roles: ['lecturer'],
    status: 204,
  }),
} as const;
