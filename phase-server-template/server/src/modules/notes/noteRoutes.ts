/**
 * HTTP of notes: `serveRoute` takes each route's method, path, roles, schemas and status from the
 * shared contract, so the server validates exactly what the remote sends and expects. Handlers get
 * typed, validated input and the caller from the verified phase token.
 */
import { type PhaseModuleDeps, serveRoute } from '@coursekit/phase-sdk/server';
import type { FastifyInstance } from 'fastify';
import { routes } from '../../../../shared/contract.js';
import { NoteService } from './NoteService.js';

export async function noteRoutes(app: FastifyInstance, { db }: PhaseModuleDeps) {
  const notes = new NoteService(db);

  serveRoute(app, routes.listNotes, async ({ caller }) => ({ notes: await notes.list(caller) }));
  serveRoute(app, routes.createNote, ({ caller, body }) => notes.create(caller, body.text));
  serveRoute(app, routes.deleteNote, ({ caller, params }) => notes.delete(caller, params.noteId));
}
