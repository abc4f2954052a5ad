/**
 * The satisfaction figures lecturers see next to a matching result: how many students were
 * placed, how many got their first choice or one of their first three, the average rank, how
 * many got a topic they had not ranked, and how many ranks of each kind were handed out.
 */
export interface AssignmentFacts {
  topicId: string | null;
  rank: number | null;
}

export interface MatchingSummary {
  students: number;
  assigned: number;
  unassigned: number;
  firstChoice: number;
  topThree: number;
  /** Assigned a topic they had not ranked. */
  unranked: number;
  /** Mean rank of the students who got a topic they ranked; `null` when there are none. */
  averageRank: number | null;
  /** How many students got their 1st, 2nd, … choice, for each rank that occurs, in order. */
  rankCounts: { rank: number; students: number }[];
}

export function summarizeAssignments(assignments: readonly AssignmentFacts[]): MatchingSummary {
  const assigned = assignments.filter((a) => a.topicId !== null);
  const ranks = assigned.flatMap((a) => (a.rank === null ? [] : [a.rank]));
  const counts = new Map<number, number>();
  for (const rank of ranks) counts.set(rank, (counts.get(rank) ?? 0) + 1);
  return {
    students: assignments.length,
    assigned: assigned.length,
    unassigned: assignments.length - assigned.length,
    firstChoice: ranks.filter((rank) => rank === 1).length,
    topThree: ranks.filter((rank) => rank <= 3).length,
    unranked: assigned.length - ranks.length,
    averageRank:
      ranks.length === 0
        ? null
        : Math.round((ranks.reduce((sum, rank) => sum + rank, 0) / ranks.length) * 100) / 100,
    rankCounts: [...counts.entries()]
      .sort(([a], [b]) => a - b)
      .map(([rank, students]) => ({ rank, students })),
  };
}
