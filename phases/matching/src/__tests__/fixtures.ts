/** Topics, rankings and results as the server sends them, for the component tests. */
import type { MatchingResult, Topic } from '../../shared/contract';

let next = 0;
const uuid = () => `00000000-0000-4000-8000-${String(++next).padStart(12, '0')}`;

export const STUDENT_ID = '00000000-0000-4000-8000-000000000001';

export function topic(title: string, capacity = 2, description = ''): Topic {
  return {
    id: uuid(),
    title,
    description,
    capacity,
    createdAt: '2025-01-01T10:00:00.000Z',
    updatedAt: '2025-01-01T10:00:00.000Z',
  };
}

export function result(overrides: Partial<MatchingResult> = {}): MatchingResult {
  return {
    runAt: '2025-01-02T10:00:00.000Z',
    runBy: uuid(),
    stale: false,
    assignments: [],
    stats: {
      students: 0,
      assigned: 0,
      unassigned: 0,
      totalCapacity: 0,
      firstChoice: 0,
      topThree: 0,
      unranked: 0,
      averageRank: null,
      rankCounts: [],
    },
    ...overrides,
  };
}

export const studentId = uuid;
