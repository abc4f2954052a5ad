/**
 * The bad-input probe finds what it promises to find: a route that lets NUL reach PostgreSQL (a
 * 500, naming the field) and a route that writes before it refuses; and it passes the same route
 * when it refuses both. Each server here is the kit's fixture phase with one module of its own.
 */
import type { FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineRoute, storableText } from '../../contract/index.js';
import { createPhaseServer, invalid, type PhaseModuleDeps, serveRoute } from '../index.js';
import { probePhaseServer } from '../testing/index.js';

const Greeting = z.object({ id: z.number().int(), text: z.string() });
const INSERT = 'INSERT INTO kit_fixture.greetings (text) VALUES ($1) RETURNING id, text';

/** The fixture phase serving one route, `POST /greetings`, with `text` checked by `text`. */
function serverWith(
  text: z.ZodType<string>,
  handle: (deps: PhaseModuleDeps, text: string) => Promise<{ id: number; text: string }>,
) {
  const route = defineRoute({
    method: 'POST',
    path: '/greetings',
    summary: 'Add a greeting.',
    body: z.object({ text }),
    status: 201,
    response: Greeting,
  });
  const module = async (app: FastifyInstance, deps: PhaseModuleDeps) => {
    serveRoute(app, route, ({ body }) => handle(deps, body.text));
  };
  return createPhaseServer({
    entry: new URL('./fixture/server.ts', import.meta.url).href,
    port: 4482,
    modules: [module],
  });
}

const insert = async ({ db }: PhaseModuleDeps, text: string) => {
  const [row] = await db.query<{ id: number; text: string }>(INSERT, [text]);
  if (!row) throw new Error('Bug: INSERT … RETURNING gave no row.');
  return row;
};

describe('probePhaseServer', () => {
  it('passes a route whose text is storableText()', async () => {
    await probePhaseServer(serverWith(storableText().min(1).max(200), insert), { numRuns: 10 });
  });

  it('finds a NUL that reaches PostgreSQL (a 500) and names the field', async () => {
    await expect(
      probePhaseServer(serverWith(z.string().min(1).max(200), insert), { numRuns: 10 }),
    ).rejects.toThrow(/POST \/greetings answered 500[\s\S]*in body\.text/);
  });

  it('finds a refusal that wrote first', async () => {
    const writesThenRefuses = serverWith(storableText(), async (deps, text) => {
      await insert(deps, text);
      throw invalid('Refused after writing.');
    });
    await expect(probePhaseServer(writesThenRefuses, { numRuns: 10 })).rejects.toThrow(
      /answered 400 but changed the stored state[\s\S]*greetings/,
    );
  });
});
