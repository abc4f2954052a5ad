/**
 * The routes of a phase's own server, described once: method, path, allowed roles and zod schemas.
 * A phase's `shared/contract.ts` declares its routes with `defineRoute`; its server registers and
 * validates them, and its remote calls them with `callRoute` from `@coursekit/phase-sdk/client`.
 */
import type { z } from 'zod';
import type { CourseRole } from './user.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One route of this phase's server, as both sides see it. */
export interface RouteContract {
  method: HttpMethod;
  /** Path at the server's root, with `:name` parameters; the gateway adds `/phase-api/<phase>`. */
  path: string;
  /** One line for the OpenAPI document. */
  summary: string;
  /** Roles allowed to call it (the server passes them to `coreAuthPlugin`); any member if absent. */
  roles?: readonly CourseRole[];
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** Status of a successful answer: 200 unless given (201 for a creation, 204 for no body). */
  status?: 200 | 201 | 204;
  /** Schema of a successful answer's body; absent exactly when `status` is 204. */
  response?: z.ZodType;
}

// A part whose every field is optional (a query of filters, say) may be left out.
type Part<R, K extends 'params' | 'query' | 'body'> = R extends {
  [P in K]: infer S extends z.ZodType;
}
  ? Record<string, never> extends z.input<S>
    ? { [P in K]?: z.input<S> }
    : { [P in K]: z.input<S> }
  : { [P in K]?: never };

/** What a caller passes for route `R`: exactly the parts the route declares. */
export type RouteInput<R extends RouteContract> = Part<R, 'params'> &
  Part<R, 'query'> &
  Part<R, 'body'>;

/** What a successful call of route `R` resolves to (`undefined` for 204). */
export type RouteOutput<R extends RouteContract> = R extends { response: infer S extends z.ZodType }
  ? z.output<S>
  : undefined;

/**
 * Declare a route, keeping its literal types so that server handlers and client methods are typed.
 *
 * @example
 * const getNote = defineRoute({ method: 'GET', path: '/notes/:noteId', summary: 'One note',
 *   params: NoteParams, response: Note });
 */
export function defineRoute<const R extends RouteContract>(route: R): R {
  if ((route.status === 204) !== (route.response === undefined)) {
    throw new Error(
      `Bug in the contract: ${route.method} ${route.path} must have a response schema unless its status is 204.`,
    );
  }
  return route;
}
