/** `serveRoute` takes its types from the contract: a handler that disagrees does not compile. */
import type { FastifyInstance } from 'fastify';
import { expectTypeOf, test } from 'vitest';
import { serveRoute } from '../index.js';
import { routes } from './fixture/server.js';

declare const app: FastifyInstance;

test('the handler gets the parsed input of the contract', () => {
  serveRoute(app, routes.deleteGreeting, ({ params, body, caller }) => {
    expectTypeOf(params.id).toEqualTypeOf<number>();
    expectTypeOf(body).toEqualTypeOf<undefined>();
    expectTypeOf(caller.role).toEqualTypeOf<'lecturer' | 'editor' | 'student'>();
  });
  serveRoute(app, routes.listGreetings, ({ query }) => {
    expectTypeOf(query.startsWith).toEqualTypeOf<string | undefined>();
    return { greetings: [], caller: 'x' };
  });
});

test('the answer must match the response schema', () => {
  // @ts-expect-error: `text` is missing from the answer.
  serveRoute(app, routes.addGreeting, () => ({ id: 1 }));
  // @ts-expect-error: the body has no `title`.
  serveRoute(app, routes.addGreeting, ({ body }) => ({ id: 1, text: body.title }));
});
