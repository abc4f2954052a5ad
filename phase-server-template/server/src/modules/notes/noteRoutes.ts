/**
 * HTTP of notes: each route takes its method, path and schemas from the shared contract, so the
 * server validates exactly what the remote's client sends and expects. Handlers get typed,
 * validated input and the caller from the verified token (`coreIdentity`).
 */
import { coreIdentity } from '@coursekit/phase-sdk/server';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { routes } from '../../../../shared/contract.js';
import type { Db } from '../../db/Db.js';
import { problemResponses } from '../../problemResponses.js';
import { NoteService } from './NoteService.js';

export async function noteRoutes(app: FastifyInstance, { db }: { db: Db }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const notes = new NoteService(db);
  const tags = ['notes'];

  const { listNotes, createNote, deleteNote } = routes;

  r.get(
    listNotes.path,
    {
      schema: {
        tags,
        summary: listNotes.summary,
        response: { 200: listNotes.response, ...problemResponses },
      },
    },
    async (request) => ({ notes: await notes.list(coreIdentity(request)) }),
  );

  r.post(
    createNote.path,
    {
      schema: {
        tags,
        summary: createNote.summary,
        body: createNote.body,
        response: { 201: createNote.response, ...problemResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await notes.create(coreIdentity(request), request.body.text)),
  );

  r.delete(
    deleteNote.path,
    {
      schema: {
        tags,
        summary: deleteNote.summary,
        params: deleteNote.params,
        response: { 204: z.null().describe('Deleted.'), ...problemResponses },
      },
    },
    async (request, reply) => {
      await notes.delete(coreIdentity(request), request.params.noteId);
      return reply.code(204).send(null);
    },
  );
}
