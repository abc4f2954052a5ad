/**
 * Running the matching and showing its result. A run takes the course phase's lock, reads the
 * topics and rankings, computes the assignment (`assignTopics`) and replaces the previous result,
 * all in one transaction: concurrent edits wait for it (or it for them), so a result always
 * matches one consistent state, and it records that state's revision to tell later whether it is
 * stale. Staff see every assignment with satisfaction figures; a student sees only their own.
 */
import { isStaff } from '@coursekit/phase-sdk/contract';
import type { CoreIdentity, Db } from '@coursekit/phase-sdk/server';
import type {
  Assignment,
  AssignmentsView,
  MatchingResult,
  MyAssignment,
} from '../../../../shared/contract.js';
import { currentRevision, lockCoursePhase } from '../coursePhaseState/lockCoursePhase.js';
import { assignTopics } from '../matching/assignTopics.js';
import { summarizeAssignments } from '../matching/summarizeAssignments.js';
import { RankingRepository } from '../rankings/rankingRepository.js';
import { TopicRepository } from '../topics/topicRepository.js';
import { AssignmentRepository, type StoredRun } from './assignmentRepository.js';

const callerIsStaff = (caller: CoreIdentity) => isStaff(caller.role);

function resultOf(run: StoredRun, assignments: Assignment[], revision: number): MatchingResult {
  return {
    runAt: run.runAt,
    runBy: run.runBy,
    stale: revision > run.dataRevision,
    assignments,
    stats: { ...summarizeAssignments(assignments), totalCapacity: run.totalCapacity },
  };
}

export class AssignmentService {
  constructor(private readonly db: Db) {}

  run(caller: CoreIdentity): Promise<MatchingResult> {
    const coursePhaseId = caller.coursePhaseId;
    return this.db.transaction(async (tx) => {
      const revision = await lockCoursePhase(tx, coursePhaseId, 'read');
      const topics = await new TopicRepository(tx).list(coursePhaseId);
      const rankings = await new RankingRepository(tx).list(coursePhaseId);
      const outcome = assignTopics(
        topics,
        rankings.map((ranking) => ({ id: ranking.studentId, ranking: ranking.topicIds })),
      );
      const titles = new Map(topics.map((topic) => [topic.id, topic.title]));
      const names = new Map(rankings.map((ranking) => [ranking.studentId, ranking.displayName]));
      const assignments = outcome.assignments.map(
        (a): Assignment => ({
          studentId: a.studentId,
          displayName: names.get(a.studentId) ?? a.studentId,
          topicId: a.topicId,
          topicTitle: a.topicId === null ? null : (titles.get(a.topicId) ?? null),
          rank: a.rank,
        }),
      );
      const repository = new AssignmentRepository(tx);
      await repository.replace(
        coursePhaseId,
        {
          runBy: caller.userId,
          dataRevision: revision,
          totalCapacity: topics.reduce((sum, topic) => sum + topic.capacity, 0),
          totalCost: outcome.totalCost,
        },
        assignments,
      );
      const run = await repository.run(coursePhaseId);
      if (!run) throw new Error('Bug: the run just stored is missing.');
      return resultOf(run, await repository.assignments(coursePhaseId), revision);
    });
  }

  async view(caller: CoreIdentity): Promise<AssignmentsView> {
    const repository = new AssignmentRepository(this.db);
    const run = await repository.run(caller.coursePhaseId);
    if (callerIsStaff(caller)) {
      if (!run) return { view: 'staff', result: null };
      const [assignments, revision] = await Promise.all([
        repository.assignments(caller.coursePhaseId),
        currentRevision(this.db, caller.coursePhaseId),
      ]);
      return { view: 'staff', result: resultOf(run, assignments, revision) };
    }
    return this.own(caller, run, repository);
  }

  private async own(
    caller: CoreIdentity,
    run: StoredRun | undefined,
    repository: AssignmentRepository,
  ): Promise<MyAssignment> {
    const none = { view: 'student' as const, topic: null, rank: null };
    if (!run) return { ...none, status: 'not-run', runAt: null };
    const [mine] = await repository.assignments(caller.coursePhaseId, caller.userId);
    if (!mine) return { ...none, status: 'not-included', runAt: run.runAt };
    if (mine.topicId === null) return { ...none, status: 'unassigned', runAt: run.runAt };
    return {
      view: 'student',
      status: 'assigned',
      topic: { id: mine.topicId, title: mine.topicTitle ?? '' },
      rank: mine.rank,
      runAt: run.runAt,
    };
  }
}
