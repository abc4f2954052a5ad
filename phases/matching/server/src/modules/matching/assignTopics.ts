/**
 * The project matching: assign each student at most one topic, within the topics' capacities, so
 * that as many students as possible get a topic and, among those assignments, the sum of rank
 * costs is the least. A topic a student ranked k-th costs k; a topic they did not rank costs more
 * than any rank (topics + 1), so it is used only when it lets more students be placed or the
 * ranked ones are full. Students beyond the total capacity stay unassigned and are reported.
 *
 * It is a min-cost max-flow: source → each student (capacity 1) → every topic (capacity 1, the
 * rank cost) → sink (the topic's capacity). Ties between equally good assignments are broken
 * deterministically: students are taken in order of their id and topics in the given order
 * (the lecturer's list), so the same data always gives the same result, whatever order it came in.
 */
import { MinCostFlow } from './MinCostFlow.js';

export interface MatchingTopic {
  id: string;
  capacity: number;
}

export interface MatchingStudent {
  id: string;
  /** Topic ids, best first; unknown ids are ignored, later duplicates too. */
  ranking: readonly string[];
}

export interface StudentAssignment {
  studentId: string;
  /** `null` when no seat was left for the student. */
  topicId: string | null;
  /** 1 for the first choice; `null` when unassigned or assigned a topic they did not rank. */
  rank: number | null;
}

export interface MatchingOutcome {
  /** One entry per student, in order of student id. */
  assignments: StudentAssignment[];
  /** Sum of the rank costs of the assignments (unranked topics at `unrankedCost`). */
  totalCost: number;
  /** The cost of a topic a student did not rank. */
  unrankedCost: number;
}

/**
 * @example
 * assignTopics(
 *   [{ id: 'a', capacity: 1 }, { id: 'b', capacity: 1 }],
 *   [{ id: 's1', ranking: ['a', 'b'] }, { id: 's2', ranking: ['a'] }],
 * ); // s1 → b (rank 2), s2 → a (rank 1): cost 3, where greedy would give s1 a, s2 b: cost 1 + 3
 */
export function assignTopics(
  topics: readonly MatchingTopic[],
  students: readonly MatchingStudent[],
): MatchingOutcome {
  const orderedStudents = [...students].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const unrankedCost = topics.length + 1;
  const topicIndex = new Map(topics.map((topic, index) => [topic.id, index]));

  const source = 0;
  const firstStudent = 1;
  const firstTopic = firstStudent + orderedStudents.length;
  const sink = firstTopic + topics.length;
  const network = new MinCostFlow(sink + 1);

  for (const [s] of orderedStudents.entries()) network.addEdge(source, firstStudent + s, 1, 0);
  const choiceEdges = orderedStudents.map((student, s) => {
    const rankOf = new Map<number, number>();
    for (const topicId of student.ranking) {
      const t = topicIndex.get(topicId);
      if (t !== undefined && !rankOf.has(t)) rankOf.set(t, rankOf.size + 1);
    }
    return topics.map((_topic, t) => {
      const rank = rankOf.get(t) ?? null;
      const edge = network.addEdge(firstStudent + s, firstTopic + t, 1, rank ?? unrankedCost);
      return { edge, rank };
    });
  });
  for (const [t, topic] of topics.entries()) {
    network.addEdge(firstTopic + t, sink, Math.max(0, topic.capacity), 0);
  }

  const { cost } = network.run(source, sink);
  const assignments = orderedStudents.map((student, s): StudentAssignment => {
    const choices = choiceEdges[s] ?? [];
    const t = choices.findIndex((choice) => network.flowOn(choice.edge) > 0);
    const topic = topics[t];
    return topic
      ? { studentId: student.id, topicId: topic.id, rank: choices[t]?.rank ?? null }
      : { studentId: student.id, topicId: null, rank: null };
  });
  return { assignments, totalCost: cost, unrankedCost };
}
