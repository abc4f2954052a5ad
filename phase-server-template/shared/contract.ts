/**
 * The wire contract of this phase's own server: every route's method, path and zod schemas, in one
 * file that both sides import. The server validates requests and answers with these schemas (and
 * publishes them as OpenAPI); the remote's typed client (`src/phaseClient.ts`) builds its calls
 * from them and validates what comes back. Change a shape here and both sides follow, or fail to
 * compile. (Shapes of the core, such as `Problem`, come from `@coursekit/phase-sdk/contract`.)
 *
 * This file must not import other files of the package by relative path: the server compiles it
 * with Node's resolution (which wants `.js` suffixes) and the remote bundles it with rspack's.
 */
import type { CourseRole } from '@coursekit/phase-sdk/contract';
import { z } from 'zod';

// --- Route descriptions --------------------------------------------------------------------------

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

// --- Shapes --------------------------------------------------------------------------------------

export const Note = z.object({
  id: z.uuid(),
  text: z.string(),
  /** The user id (token `sub`) of the member who wrote it. */
  authorId: z.uuid(),
  createdAt: z.iso.datetime({ offset: true }),
});
export type Note = z.infer<typeof Note>;

export const NoteList = z.object({ notes: z.array(Note) });
export type NoteList = z.infer<typeof NoteList>;

export const CreateNote = z.object({
  text: z
    .string()
    .trim()
    .min(1, 'write at least one character')
    .max(500, 'keep it to 500 characters'),
});
export type CreateNote = z.input<typeof CreateNote>;

export const NoteParams = z.object({ noteId: z.uuid() });

// --- Routes --------------------------------------------------------------------------------------

export const routes = {
  listNotes: defineRoute({
    method: 'GET',
    path: '/notes',
    summary: 'The notes of the caller’s course phase, newest first.',
    response: NoteList,
  }),
  createNote: defineRoute({
    method: 'POST',
    path: '/notes',
    summary: 'Add a note as the caller.',
    body: CreateNote,
    status: 201,
    response: Note,
  }),
  deleteNote: defineRoute({
    method: 'DELETE',
    path: '/notes/:noteId',
    summary: 'Delete a note (its author, or a lecturer or editor).',
    params: NoteParams,
    status: 204,
  }),
} as const;
