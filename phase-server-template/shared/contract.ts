/**
 * The wire contract of this phase's own server: every route's method, path and zod schemas, in one
 * file that both sides import. The server serves them with `serveRoute` (validating requests and
 * answers, publishing OpenAPI); the remote calls them with `useRouteQuery`/`useRouteMutation`,
 * which build each call from them and validate what comes back. Change a shape here and both
 * sides follow, or fail to compile. (Shapes of the core, such as `Problem`, come from `@coursekit/phase-sdk/contract`.)
 *
 * This file must not import other files of the package by relative path: the server compiles it
 * with Node's resolution (which wants `.js` suffixes) and the remote bundles it with rspack's.
 */
import {
  defineRoute,
  type HttpMethod,
  type RouteContract,
  storableText,
} from '@coursekit/phase-sdk/contract';
import { z } from 'zod';

// --- Route descriptions: defineRoute comes from the SDK, re-exported for the server's imports ---

export { defineRoute, type HttpMethod, type RouteContract };

// --- Shapes --------------------------------------------------------------------------------------

export const Note = z.object({
  id: z.uuid(),
  text: storableText(),
  /** The user id (token `sub`) of the member who wrote it. */
  authorId: z.uuid(),
  createdAt: z.iso.datetime({ offset: true }),
});
export type Note = z.infer<typeof Note>;

export const NoteList = z.object({ notes: z.array(Note) });
export type NoteList = z.infer<typeof NoteList>;

export const CreateNote = z.object({
  text: storableText()
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
