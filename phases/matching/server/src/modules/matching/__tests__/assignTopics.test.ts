/**
 * The matching on instances whose optimum can be checked by hand, on its edge cases (capacity,
 * more students than seats, nothing to match), on a case where taking students one by one
 * (greedy) is worse, and against brute force on many small random instances.
 */
import { describe, expect, it } from 'vitest';
import { assignTopics, type MatchingStudent, type MatchingTopic } from '../assignTopics.js';
import { MinCostFlow } from '../MinCostFlow.js';

const topicIds = (outcome: ReturnType<typeof assignTopics>) =>
  Object.fromEntries(outcome.assignments.map((a) => [a.studentId, a.topicId]));

describe('MinCostFlow', () => {
  it('finds the cheapest maximum flow of a small network', () => {
    const net = new MinCostFlow(4);
    net.addEdge(0, 1, 2, 1);
    net.addEdge(1, 3, 2, 1);
    const expensive = net.addEdge(0, 2, 1, 5);
    net.addEdge(2, 3, 1, 0);
    expect(net.run(0, 3)).toEqual({ flow: 3, cost: 9 });
    expect(net.flowOn(expensive)).toBe(1);
  });

  it('reroutes earlier flow when a later path needs its edge (residual edges)', () => {
    // The first cheapest path is 0→1→2→3 (3); the second unit can only come through 0→2, so it
    // takes 2→1 backwards (undoing 1→2) and leaves by 1→3: in total 0→1→3 plus 0→2→3 = 11.
    const net = new MinCostFlow(4);
    net.addEdge(0, 1, 1, 1);
    net.addEdge(0, 2, 1, 4);
    net.addEdge(1, 2, 1, 1);
    net.addEdge(1, 3, 1, 5);
    net.addEdge(2, 3, 1, 1);
    expect(net.run(0, 3)).toEqual({ flow: 2, cost: 1 + 5 + 4 + 1 });
  });
});

describe('assignTopics', () => {
  it('gives everyone their first choice when the seats allow it', () => {
    const outcome = assignTopics(
      [
        { id: 'ai', capacity: 1 },
        { id: 'web', capacity: 1 },
        { id: 'db', capacity: 1 },
      ],
      [
        { id: 's1', ranking: ['ai', 'web', 'db'] },
        { id: 's2', ranking: ['web', 'ai', 'db'] },
        { id: 's3', ranking: ['db', 'web', 'ai'] },
      ],
    );
    expect(topicIds(outcome)).toEqual({ s1: 'ai', s2: 'web', s3: 'db' });
    expect(outcome.totalCost).toBe(3);
    expect(outcome.assignments.every((a) => a.rank === 1)).toBe(true);
  });

  it('finds the hand-checked optimum when first choices collide', () => {
    // Everyone wants ai first. If s1 or s2 gets it, the other takes web (2) and s3 db (2): 5.
    // If s3 gets it, s1 and s2 share web and db: 1 + 2 + 3 = 6. So the optimum is 5.
    const outcome = assignTopics(
      [
        { id: 'ai', capacity: 1 },
        { id: 'web', capacity: 1 },
        { id: 'db', capacity: 1 },
      ],
      [
        { id: 's1', ranking: ['ai', 'web', 'db'] },
        { id: 's2', ranking: ['ai', 'web', 'db'] },
        { id: 's3', ranking: ['ai', 'db', 'web'] },
      ],
    );
    expect(outcome.totalCost).toBe(5);
    expect(outcome.assignments.find((a) => a.studentId === 's3')).toMatchObject({
      topicId: 'db',
      rank: 2,
    });
  });

  it('beats greedy: the second student’s only choice goes to them', () => {
    // Greedy in id order gives s1 a (1) and leaves s2 with unranked b (3): 4. Optimal is 3.
    const outcome = assignTopics(
      [
        { id: 'a', capacity: 1 },
        { id: 'b', capacity: 1 },
      ],
      [
        { id: 's1', ranking: ['a', 'b'] },
        { id: 's2', ranking: ['a'] },
      ],
    );
    expect(topicIds(outcome)).toEqual({ s1: 'b', s2: 'a' });
    expect(outcome.totalCost).toBe(3);
  });

  it('fills a topic up to its capacity and no further', () => {
    const outcome = assignTopics(
      [
        { id: 'popular', capacity: 2 },
        { id: 'other', capacity: 5 },
      ],
      ['s1', 's2', 's3', 's4'].map((id) => ({ id, ranking: ['popular', 'other'] })),
    );
    const onPopular = outcome.assignments.filter((a) => a.topicId === 'popular');
    expect(onPopular).toHaveLength(2);
    expect(outcome.totalCost).toBe(1 + 1 + 2 + 2);
  });

  it('leaves the students beyond the total capacity unassigned, and reports them', () => {
    const outcome = assignTopics(
      [
        { id: 'a', capacity: 1 },
        { id: 'b', capacity: 1 },
      ],
      [
        { id: 's1', ranking: ['a', 'b'] },
        { id: 's2', ranking: ['a', 'b'] },
        { id: 's3', ranking: ['b', 'a'] },
      ],
    );
    expect(outcome.assignments.filter((a) => a.topicId !== null)).toHaveLength(2);
    expect(outcome.assignments.filter((a) => a.topicId === null)).toEqual([
      { studentId: 's2', topicId: null, rank: null },
    ]);
    // s3 gets b (its first choice), one of s1/s2 gets a: cost 2; s1 wins the tie by id.
    expect(topicIds(outcome)).toEqual({ s1: 'a', s2: null, s3: 'b' });
    expect(outcome.totalCost).toBe(2);
  });

  it('places a student on a topic they did not rank only when their ranked ones are full', () => {
    const outcome = assignTopics(
      [
        { id: 'a', capacity: 1 },
        { id: 'b', capacity: 1 },
        { id: 'c', capacity: 1 },
      ],
      [
        { id: 's1', ranking: ['a'] },
        { id: 's2', ranking: ['a', 'b'] },
        { id: 's3', ranking: ['b', 'a'] },
      ],
    );
    // a and b go to two rankers; the third is placed on c, which costs more than any rank.
    expect(outcome.unrankedCost).toBe(4);
    expect(outcome.assignments.filter((a) => a.topicId === 'c')).toHaveLength(1);
    expect(outcome.assignments.find((a) => a.topicId === 'c')?.rank).toBeNull();
    expect(outcome.totalCost).toBe(1 + 1 + 4);
  });

  it('handles nothing to match', () => {
    expect(assignTopics([], [])).toEqual({ assignments: [], totalCost: 0, unrankedCost: 1 });
    expect(assignTopics([{ id: 'a', capacity: 3 }], []).assignments).toEqual([]);
    expect(assignTopics([], [{ id: 's1', ranking: ['gone'] }]).assignments).toEqual([
      { studentId: 's1', topicId: null, rank: null },
    ]);
  });

  it('ignores rankings of topics that no longer exist, and counts ranks among the rest', () => {
    const outcome = assignTopics(
      [{ id: 'b', capacity: 1 }],
      [{ id: 's1', ranking: ['gone', 'b'] }],
    );
    expect(outcome.assignments).toEqual([{ studentId: 's1', topicId: 'b', rank: 1 }]);
  });

  it('gives the same answer whatever order the students and their data came in', () => {
    const topics = [
      { id: 't1', capacity: 1 },
      { id: 't2', capacity: 2 },
      { id: 't3', capacity: 1 },
    ];
    const students = ['s1', 's2', 's3', 's4', 's5'].map((id) => ({
      id,
      ranking: ['t2', 't1', 't3'],
    }));
    const first = assignTopics(topics, students);
    const second = assignTopics(topics, [...students].reverse());
    expect(second).toEqual(first);
  });

  describe('against brute force', () => {
    /** A tiny deterministic PRNG (mulberry32), so failures are reproducible. */
    const random = (seed: number) => () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };

    /** The best (most students placed, then least cost) over every possible assignment. */
    function bruteForce(topics: MatchingTopic[], students: MatchingStudent[]) {
      const unranked = topics.length + 1;
      const cost = (s: MatchingStudent, t: MatchingTopic) => {
        const rank = s.ranking.indexOf(t.id);
        return rank === -1 ? unranked : rank + 1;
      };
      let best = { placed: -1, cost: Number.POSITIVE_INFINITY };
      const left = topics.map((t) => t.capacity);
      const visit = (i: number, placed: number, total: number) => {
        if (i === students.length) {
          if (placed > best.placed || (placed === best.placed && total < best.cost)) {
            best = { placed, cost: total };
          }
          return;
        }
        visit(i + 1, placed, total);
        topics.forEach((topic, t) => {
          if ((left[t] ?? 0) === 0) return;
          left[t] = (left[t] ?? 0) - 1;
          visit(i + 1, placed + 1, total + cost(students[i] as MatchingStudent, topic));
          left[t] = (left[t] ?? 0) + 1;
        });
      };
      visit(0, 0, 0);
      return best;
    }

    it('is optimal on 300 random small instances', () => {
      const next = random(42);
      for (let round = 0; round < 300; round++) {
        const topics = Array.from({ length: 1 + Math.floor(next() * 4) }, (_, t) => ({
          id: `t${t}`,
          capacity: 1 + Math.floor(next() * 2),
        }));
        const students = Array.from({ length: Math.floor(next() * 7) }, (_, s) => ({
          id: `s${s}`,
          ranking: topics
            .map((t) => ({ id: t.id, key: next() }))
            .sort((a, b) => a.key - b.key)
            .slice(0, Math.floor(next() * (topics.length + 1)))
            .map((t) => t.id),
        }));
        const outcome = assignTopics(topics, students);
        const best = bruteForce(topics, students);
        const placed = outcome.assignments.filter((a) => a.topicId !== null);
        expect({ round, placed: placed.length, cost: outcome.totalCost }).toEqual({
          round,
          placed: best.placed,
          cost: best.cost,
        });
        for (const topic of topics) {
          expect(placed.filter((a) => a.topicId === topic.id).length).toBeLessThanOrEqual(
            topic.capacity,
          );
        }
      }
    });
  });

  // Its time is a figure printed for the reader, never an assertion: a busy machine must not fail
  // a correct matching.
  it('matches a course-sized instance (200 students, 40 topics) within every capacity', () => {
    const topics = Array.from({ length: 40 }, (_, t) => ({ id: `t${t}`, capacity: 5 }));
    const students = Array.from({ length: 200 }, (_, s) => ({
      id: `s${String(s).padStart(3, '0')}`,
      ranking: topics.map((_, t) => `t${(s * 7 + t * 3) % 40}`).slice(0, 10),
    }));
    const started = performance.now();
    const outcome = assignTopics(topics, students);
    process.stdout.write(
      `assignTopics: 200 students, 40 topics in ${(performance.now() - started).toFixed(0)} ms\n`,
    );
    expect(outcome.assignments.every((a) => a.topicId !== null)).toBe(true);
    const seats = new Map<string, number>();
    for (const { topicId } of outcome.assignments) {
      seats.set(String(topicId), (seats.get(String(topicId)) ?? 0) + 1);
    }
    expect(Math.max(...seats.values())).toBeLessThanOrEqual(5);
  });
});
