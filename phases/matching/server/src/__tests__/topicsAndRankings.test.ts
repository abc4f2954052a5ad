/**
 * Topics and rankings as the remote uses them, on PGlite and on PostgreSQL, with real phase
 * tokens: who may change what, that data stays inside its course phase, and that bad input is
 * refused with problem+json that names the field.
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
  type TokenOptions,
} from '@coursekit/phase-sdk/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as contract from '../../../shared/contract.js';
import { MyRanking, RankingList, Topic, TopicList } from '../../../shared/contract.js';
import { server } from '../server.js';

describe.each(ENGINES)('topics and rankings on %s', (engine) => {
  let t: TestPhaseServer;
  const lecturer = { role: 'lecturer' as const, userId: randomUUID() };
  const editor = { role: 'editor' as const, userId: randomUUID() };
  const alice = { role: 'student' as const, userId: randomUUID() };
  const bob = { role: 'student' as const, userId: randomUUID() };

  const addTopic = async (title: string, capacity = 2, as: TokenOptions = lecturer) => {
    const response = await t.as(as, {
      method: 'POST',
      url: '/topics',
      payload: { title, capacity },
    });
    expect(response.statusCode, response.body).toBe(201);
    return Topic.parse(response.json());
  };

  beforeAll(async () => {
    t = await createTestPhaseServer(server, { engine });
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('topics', () => {
    it('lets staff add, edit and delete topics that everyone can list in order', async () => {
      const ai = await addTopic('AI tutor');
      const web = await addTopic('Web shop', 3, editor);
      expect(ai).toMatchObject({ title: 'AI tutor', description: '', capacity: 2 });

      const patched = await t.as(editor, {
        method: 'PATCH',
        url: `/topics/${web.id}`,
        payload: { capacity: 4, description: 'React and Fastify' },
      });
      expect(patched.statusCode).toBe(200);
      expect(patched.json()).toMatchObject({
        title: 'Web shop',
        capacity: 4,
        description: 'React and Fastify',
      });

      const list = TopicList.parse((await t.as(alice, { method: 'GET', url: '/topics' })).json());
      expect(list.topics.map((topic) => topic.title)).toEqual(['AI tutor', 'Web shop']);

      expect(
        (await t.as(lecturer, { method: 'DELETE', url: `/topics/${web.id}` })).statusCode,
      ).toBe(204);
      const after = TopicList.parse((await t.as(alice, { method: 'GET', url: '/topics' })).json());
      expect(after.topics.map((topic) => topic.title)).toEqual(['AI tutor']);
    });

    it('refuses students who try to change topics', async () => {
      const response = await t.as(alice, {
        method: 'POST',
        url: '/topics',
        payload: { title: 'Mine', capacity: 1 },
      });
      expect(response.statusCode).toBe(403);
      expect(response.json()).toMatchObject({ code: 'CK_TOKEN_WRONG_ROLE' });
    });

    it('refuses a second topic with the same title in any case', async () => {
      await addTopic('Compilers');
      const response = await t.as(lecturer, {
        method: 'POST',
        url: '/topics',
        payload: { title: 'compilers', capacity: 1 },
      });
      expect(response.statusCode).toBe(409);
      expect(response.headers['content-type']).toContain(PROBLEM_CONTENT_TYPE);
      expect(response.json().detail).toContain('A topic titled "Compilers" already exists');
    });

    it.each([
      [{ title: '', capacity: 2 }, 'body.title', 'give the topic a title'],
      [{ title: 'X', capacity: 0 }, 'body.capacity', 'a topic needs at least 1 seat'],
      [{ title: 'X', capacity: 2.5 }, 'body.capacity', 'the capacity must be a whole number'],
      [{ title: 'X', capacity: '2' }, 'body.capacity', 'the capacity must be a number'],
    ])('refuses %j naming the field', async (payload, path, message) => {
      const response = await t.as(lecturer, { method: 'POST', url: '/topics', payload });
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ code: 'CK_VALIDATION', errors: [{ path, message }] });
    });

    it('refuses an empty change, and changes to topics that do not exist', async () => {
      const topic = await addTopic('Robotics');
      const empty = await t.as(lecturer, {
        method: 'PATCH',
        url: `/topics/${topic.id}`,
        payload: {},
      });
      expect(empty.statusCode).toBe(400);
      expect(empty.json().detail).toContain('name at least one of title, description, capacity');

      const missing = randomUUID();
      const response = await t.as(lecturer, {
        method: 'PATCH',
        url: `/topics/${missing}`,
        payload: { capacity: 3 },
      });
      expect(response.statusCode).toBe(404);
      expect(response.json().detail).toContain(missing);
      expect(
        (await t.as(lecturer, { method: 'DELETE', url: `/topics/${missing}` })).statusCode,
      ).toBe(404);
    });

    it('keeps course phases apart', async () => {
      const elsewhere = { ...lecturer, coursePhaseId: randomUUID() };
      expect((await t.as(elsewhere, { method: 'GET', url: '/topics' })).json()).toEqual({
        topics: [],
      });
      const [topic] = TopicList.parse(
        (await t.as(lecturer, { method: 'GET', url: '/topics' })).json(),
      ).topics;
      const response = await t.as(elsewhere, {
        method: 'PATCH',
        url: `/topics/${topic?.id}`,
        payload: { capacity: 9 },
      });
      expect(response.statusCode).toBe(404);
    });
  });

  describe('rankings', () => {
    it('saves a student’s ranking and gives it back, replacing the previous one', async () => {
      const [first, second] = [await addTopic('Games'), await addTopic('Security')];
      expect((await t.as(alice, { method: 'GET', url: '/rankings/me' })).json()).toEqual({
        topicIds: [],
        updatedAt: null,
      });
      const saved = await t.as(alice, {
        method: 'PUT',
        url: '/rankings/me',
        payload: { topicIds: [first.id, second.id], displayName: 'Alice' },
      });
      expect(saved.statusCode).toBe(200);
      expect(MyRanking.parse(saved.json()).topicIds).toEqual([first.id, second.id]);

      await t.as(alice, {
        method: 'PUT',
        url: '/rankings/me',
        payload: { topicIds: [second.id], displayName: 'Alice A.' },
      });
      const mine = MyRanking.parse(
        (await t.as(alice, { method: 'GET', url: '/rankings/me' })).json(),
      );
      expect(mine.topicIds).toEqual([second.id]);
      expect(mine.updatedAt).not.toBeNull();
    });

    it('shows staff every ranking, and drops deleted topics from them', async () => {
      const doomed = await addTopic('Doomed');
      const kept = await addTopic('Kept');
      await t.as(bob, {
        method: 'PUT',
        url: '/rankings/me',
        payload: { topicIds: [doomed.id, kept.id], displayName: 'Bob' },
      });
      await t.as(lecturer, { method: 'DELETE', url: `/topics/${doomed.id}` });
      const all = RankingList.parse(
        (await t.as(editor, { method: 'GET', url: '/rankings' })).json(),
      );
      expect(all.rankings.find((r) => r.studentId === bob.userId)).toMatchObject({
        displayName: 'Bob',
        topicIds: [kept.id],
      });
      expect((await t.as(alice, { method: 'GET', url: '/rankings' })).statusCode).toBe(403);
    });

    it('refuses unknown or repeated topics, naming them', async () => {
      const topic = await addTopic('Networks');
      const unknown = randomUUID();
      const response = await t.as(alice, {
        method: 'PUT',
        url: '/rankings/me',
        payload: { topicIds: [topic.id, unknown], displayName: 'Alice' },
      });
      expect(response.statusCode).toBe(400);
      expect(response.json().errors).toEqual([
        { path: 'body.topicIds.1', message: expect.stringContaining(`no topic ${unknown}`) },
      ]);
      const repeated = await t.as(alice, {
        method: 'PUT',
        url: '/rankings/me',
        payload: { topicIds: [topic.id, topic.id], displayName: 'Alice' },
      });
      expect(repeated.statusCode).toBe(400);
      expect(repeated.json().errors[0]).toMatchObject({
        path: 'body.topicIds',
        message: 'list each topic once',
      });
    });

    it.each([
      ['a NUL', 'a\u0000b'],
      ['a lone surrogate', 'a\ud800b'],
    ])(
      'regression: refuses %s in any text field (PostgreSQL cannot store it) with 400, not 500',
      async (_what, bad) => {
        const topic = await addTopic(`Stored ${_what}`);
        const snapshot = async () =>
          JSON.stringify([
            (await t.as(lecturer, { method: 'GET', url: '/topics' })).json(),
            (await t.as(lecturer, { method: 'GET', url: '/rankings' })).json(),
          ]);
        const before = await snapshot();
        const attempts: [TokenOptions, string, string, object, string][] = [
          [lecturer, 'POST', '/topics', { title: bad, capacity: 1 }, 'body.title'],
          [
            lecturer,
            'POST',
            '/topics',
            { title: 'T', description: bad, capacity: 1 },
            'body.description',
          ],
          [lecturer, 'PATCH', `/topics/${topic.id}`, { title: bad }, 'body.title'],
          [lecturer, 'PATCH', `/topics/${topic.id}`, { description: bad }, 'body.description'],
          [alice, 'PUT', '/rankings/me', { topicIds: [], displayName: bad }, 'body.displayName'],
        ];
        for (const [who, method, url, payload, field] of attempts) {
          const response = await t.as(who, { method: method as 'POST', url, payload });
          expect(response.statusCode, `${method} ${url}`).toBe(400);
          expect(response.json().errors[0].path).toBe(field);
        }
        expect(await snapshot()).toBe(before);
      },
    );

    it('is for students only', async () => {
      const response = await t.as(lecturer, {
        method: 'PUT',
        url: '/rankings/me',
        payload: { topicIds: [], displayName: 'Lecturer' },
      });
      expect(response.statusCode).toBe(403);
    });
  });
});

describe('the matching server', () => {
  let t: TestPhaseServer;

  beforeAll(async () => {
    t = await createTestPhaseServer(server, { engine: 'postgres' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('builds every text field of the contract from storableText() (no NUL or lone surrogate reaches PostgreSQL)', () => {
    expect(findUnguardedFields(contract)).toEqual([]);
  });

  it('sends nosniff, a policy that loads and frames nothing, and a same-origin resource policy on every answer', async () => {
    const answers = await Promise.all([
      t.as({ role: 'student' }, { method: 'GET', url: '/topics' }),
      t.app.inject({ url: '/topics' }),
      t.app.inject({ url: '/openapi.json' }),
      t.app.inject({ url: '/no-such-route' }),
    ]);
    expect(findSecurityHeaderProblems(answers)).toEqual([]);
  });

  it('needs a phase token for its routes', async () => {
    const response = await t.app.inject({ url: '/topics' });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ code: 'CK_TOKEN_MISSING' });
  });

  it('publishes the routes of its contract in its OpenAPI document', async () => {
    const doc = (await t.app.inject({ url: '/openapi.json' })).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/topics', '/topics/{topicId}', '/assignments/run', '/rankings/me']),
    );
    expect(doc.paths['/topics'].post.requestBody.content['application/json'].schema).toMatchObject({
      properties: { title: { type: 'string', maxLength: 120 }, capacity: { type: 'integer' } },
    });
  });

  it('publishes an OpenAPI document that passes an independent validator', async () => {
    const doc = (await t.app.inject({ url: '/openapi.json' })).json();
    expect(await findOpenApiProblems(doc)).toEqual([]);
  });
});
