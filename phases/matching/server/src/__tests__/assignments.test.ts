/**
 * Running the matching through the API, on PGlite and on PostgreSQL: lecturers get the full table
 * with satisfaction figures, students only their own topic and rank; a rerun replaces the result;
 * changes afterwards mark it stale; and concurrent runs and edits never fail or mix results.
 */
import { randomUUID } from 'node:crypto';
import {
  createTestPhaseServer,
  ENGINES,
  type TestPhaseServer,
  type TokenOptions,
} from '@coursekit/phase-sdk/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AssignmentsView, MatchingResult, Topic } from '../../../shared/contract.js';
import { server } from '../server.js';

describe.each(ENGINES)('assignments on %s', (engine) => {
  let t: TestPhaseServer;
  const lecturer: TokenOptions = { role: 'lecturer', userId: randomUUID() };
  const student = (name: string) => ({
    name,
    token: { role: 'student' as const, userId: randomUUID() },
  });
  const [ann, ben, cem] = [student('Ann'), student('Ben'), student('Cem')];

  const addTopic = async (title: string, capacity: number) =>
    Topic.parse(
      (
        await t.as(lecturer, { method: 'POST', url: '/topics', payload: { title, capacity } })
      ).json(),
    );
  const rank = async (who: typeof ann, topics: Topic[]) => {
    const response = await t.as(who.token, {
      method: 'PUT',
      url: '/rankings/me',
      payload: { topicIds: topics.map((topic) => topic.id), displayName: who.name },
    });
    expect(response.statusCode, response.body).toBe(200);
  };
  const run = async () => {
    const response = await t.as(lecturer, { method: 'POST', url: '/assignments/run' });
    expect(response.statusCode, response.body).toBe(200);
    return MatchingResult.parse(response.json());
  };
  const view = async (token: TokenOptions) =>
    AssignmentsView.parse((await t.as(token, { method: 'GET', url: '/assignments' })).json());

  beforeAll(async () => {
    t = await createTestPhaseServer(server, { engine });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('says that nothing ran yet', async () => {
    expect(await view(lecturer)).toEqual({ view: 'staff', result: null });
    expect(await view(ann.token)).toMatchObject({
      view: 'student',
      status: 'not-run',
      topic: null,
    });
  });

  it('assigns optimally and shows staff the whole table, students their own line', async () => {
    const compilers = await addTopic('Compilers', 1);
    const games = await addTopic('Games', 1);
    // Two seats, three students. Greedy in name order would give Ann Compilers and Ben the
    // unranked Games (1 + 3); the optimum gives Ann her second choice and Ben his only one
    // (2 + 1), and leaves Cem, who ranked nothing, without a seat.
    await rank(ann, [compilers, games]);
    await rank(ben, [compilers]);
    await rank(cem, []);

    const result = await run();
    expect(result.stale).toBe(false);
    const byName = Object.fromEntries(result.assignments.map((a) => [a.displayName, a]));
    expect(result.assignments.map((a) => a.displayName)).toEqual(['Ann', 'Ben', 'Cem']);
    expect(byName.Ann).toMatchObject({ topicTitle: 'Games', rank: 2 });
    expect(byName.Ben).toMatchObject({ topicTitle: 'Compilers', rank: 1 });
    expect(byName.Cem).toMatchObject({ topicId: null, topicTitle: null, rank: null });
    expect(result.stats).toMatchObject({
      students: 3,
      assigned: 2,
      unassigned: 1,
      totalCapacity: 2,
      firstChoice: 1,
      averageRank: 1.5,
    });

    expect(await view(ben.token)).toMatchObject({
      view: 'student',
      status: 'assigned',
      topic: { id: compilers.id, title: 'Compilers' },
      rank: 1,
    });
    expect(await view(cem.token)).toMatchObject({ status: 'unassigned', topic: null });
    const staff = await view(lecturer);
    expect(staff.view === 'staff' && staff.result?.assignments).toHaveLength(3);
  });

  it('marks the result stale after a change, and a rerun replaces it', async () => {
    const extra = await addTopic('Databases', 1);
    const before = await view(lecturer);
    expect(before.view === 'staff' && before.result?.stale).toBe(true);
    expect(await view(student('Dan').token)).toMatchObject({ status: 'not-included' });

    // Three seats now: Ann moves to Databases, so Cem gets the unranked Games.
    await rank(ann, [extra]);
    const rerun = await run();
    expect(rerun.stale).toBe(false);
    const byName = Object.fromEntries(rerun.assignments.map((a) => [a.displayName, a]));
    expect(byName.Ann).toMatchObject({ topicTitle: 'Databases', rank: 1 });
    expect(byName.Cem).toMatchObject({ topicTitle: 'Games', rank: null });
    expect(rerun.stats).toMatchObject({ unassigned: 0, unranked: 1 });
    const after = await view(lecturer);
    expect(after.view === 'staff' && after.result?.assignments).toEqual(rerun.assignments);
  });

  it('lets only staff run the matching', async () => {
    const response = await t.as(ann.token, { method: 'POST', url: '/assignments/run' });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ code: 'CK_TOKEN_WRONG_ROLE' });
  });

  it('serializes concurrent runs and edits: every request succeeds and the last result is whole', async () => {
    const topics = await Promise.all([addTopic('Parallel A', 3), addTopic('Parallel B', 3)]);
    const crowd = Array.from({ length: 6 }, (_, i) => student(`Student ${i}`));
    const requests = [
      ...crowd.map((who, i) => rank(who, i % 2 ? topics : [...topics].reverse())),
      run(),
      run(),
      run(),
    ];
    await Promise.all(requests);
    const final = await run();
    const rankedNames = new Set(final.assignments.map((a) => a.displayName));
    for (const who of crowd) expect(rankedNames.has(who.name)).toBe(true);
    expect(new Set(final.assignments.map((a) => a.studentId)).size).toBe(final.assignments.length);
  });
});
