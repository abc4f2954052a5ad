/**
 * The notes API as the remote uses it, on PGlite and on PostgreSQL, with real phase tokens: what
 * members can read and write, that one course phase never sees another's notes, and that bad
 * input and refused callers get problem+json that says why.
 */
import { randomUUID } from 'node:crypto';
import { PROBLEM_CONTENT_TYPE } from '@coursekit/phase-sdk/contract';
import {
  createTestPhaseServer,
  ENGINES,
  findOpenApiProblems,
  findSecurityHeaderProblems,
  findUnguardedFields,
  type TestPhaseServer,
} from '@coursekit/phase-sdk/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as contract from '../../../shared/contract.js';
import { Note, NoteList } from '../../../shared/contract.js';
import { server } from '../server.js';

describe.each(ENGINES)('notes on %s', (engine) => {
  let t: TestPhaseServer;
  const alice = { role: 'student' as const, userId: randomUUID() };
  const bob = { role: 'student' as const, userId: randomUUID() };
  const lecturer = { role: 'lecturer' as const, userId: randomUUID() };

  beforeAll(async () => {
    t = await createTestPhaseServer(server, { engine });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('lets a member add a note and everyone in the course phase read it, newest first', async () => {
    const first = await t.as(alice, {
      method: 'POST',
      url: '/notes',
      payload: { text: ' First ' },
    });
    expect(first.statusCode).toBe(201);
    const note = Note.parse(first.json());
    expect(note).toMatchObject({ text: 'First', authorId: alice.userId });
    await t.as(bob, { method: 'POST', url: '/notes', payload: { text: 'Second' } });

    const list = NoteList.parse((await t.as(lecturer, { method: 'GET', url: '/notes' })).json());
    expect(list.notes.map((n) => n.text)).toEqual(['Second', 'First']);
  });

  it('keeps course phases apart: another course phase sees none of these notes', async () => {
    const other = await t.as({ coursePhaseId: randomUUID() }, { method: 'GET', url: '/notes' });
    expect(other.statusCode).toBe(200);
    expect(other.json()).toEqual({ notes: [] });
  });

  it('refuses an empty note with a problem naming the field', async () => {
    const response = await t.as(alice, { method: 'POST', url: '/notes', payload: { text: '   ' } });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain(PROBLEM_CONTENT_TYPE);
    expect(response.json()).toMatchObject({
      code: 'CK_VALIDATION',
      errors: [{ path: 'body.text', message: 'write at least one character' }],
    });
  });

  it.each([
    ['a NUL', 'a\u0000b'],
    ['a lone surrogate', 'a\ud800b'],
  ])(
    'regression: refuses a note with %s (PostgreSQL cannot store it) with 400, not 500',
    async (_what, text) => {
      const before = (await t.as(lecturer, { method: 'GET', url: '/notes' })).json();
      const response = await t.as(alice, { method: 'POST', url: '/notes', payload: { text } });
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({
        code: 'CK_VALIDATION',
        errors: [{ path: 'body.text' }],
      });
      expect((await t.as(lecturer, { method: 'GET', url: '/notes' })).json()).toEqual(before);
    },
  );

  it('refuses malformed JSON and non-JSON bodies', async () => {
    const malformed = await t.as(alice, {
      method: 'POST',
      url: '/notes',
      headers: { 'content-type': 'application/json' },
      payload: '{"text":',
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json()).toMatchObject({ code: 'CK_MALFORMED_JSON' });
    const text = await t.as(alice, {
      method: 'POST',
      url: '/notes',
      headers: { 'content-type': 'text/plain' },
      payload: 'hello',
    });
    expect(text.statusCode).toBe(415);
    expect(text.json()).toMatchObject({ code: 'CK_UNSUPPORTED_MEDIA_TYPE' });
  });

  it('lets only the author or staff delete a note', async () => {
    const created = Note.parse(
      (await t.as(alice, { method: 'POST', url: '/notes', payload: { text: 'Mine' } })).json(),
    );
    const byBob = await t.as(bob, { method: 'DELETE', url: `/notes/${created.id}` });
    expect(byBob.statusCode).toBe(403);
    expect(byBob.json()).toMatchObject({ code: 'CK_FORBIDDEN' });

    const byLecturer = await t.as(lecturer, { method: 'DELETE', url: `/notes/${created.id}` });
    expect(byLecturer.statusCode).toBe(204);
    const again = await t.as(alice, { method: 'DELETE', url: `/notes/${created.id}` });
    expect(again.statusCode).toBe(404);
    expect(again.json().detail).toContain(created.id);
  });

  it('refuses a note id that is not a UUID before touching the database', async () => {
    const response = await t.as(alice, { method: 'DELETE', url: '/notes/42' });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].path).toBe('params.noteId');
  });
});

describe('the notes server', () => {
  let t: TestPhaseServer;

  beforeAll(async () => {
    t = await createTestPhaseServer(server);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('needs a phase token for notes', async () => {
    const response = await t.app.inject({ url: '/notes' });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ code: 'CK_TOKEN_MISSING' });
  });

  it('sends nosniff, a policy that loads and frames nothing, and a same-origin resource policy on every answer', async () => {
    const answers = await Promise.all([
      t.as({ role: 'student' }, { method: 'GET', url: '/notes' }),
      t.app.inject({ url: '/notes' }),
      t.app.inject({ url: '/healthz' }),
      t.app.inject({ url: '/no-such-route' }),
    ]);
    expect(findSecurityHeaderProblems(answers)).toEqual([]);
  });

  it('builds every text field of the contract from storableText() (no NUL or lone surrogate reaches PostgreSQL)', () => {
    expect(findUnguardedFields(contract)).toEqual([]);
  });

  it('publishes the notes routes of the contract in its OpenAPI document', async () => {
    const doc = (await t.app.inject({ url: '/openapi.json' })).json();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/notes', '/notes/{noteId}']));
    expect(doc.paths['/notes'].post.requestBody.content['application/json'].schema).toMatchObject({
      properties: { text: { type: 'string', maxLength: 500 } },
    });
  });

  it('publishes an OpenAPI document that passes an independent validator', async () => {
    const doc = (await t.app.inject({ url: '/openapi.json' })).json();
    expect(await findOpenApiProblems(doc)).toEqual([]);
  });
});
