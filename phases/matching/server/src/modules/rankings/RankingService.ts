/**
 * The rules of rankings: a student ranks topics of their own course phase only, each once, and
 * saving replaces their previous ranking, in a transaction holding the course phase's lock (so a
 * matching run sees either the old ranking or the new one, never half of it).
 */
import type { CoreIdentity, Db } from '@coursekit/phase-sdk/server';
import { invalid } from '@coursekit/phase-sdk/server';
import type { MyRanking, StudentRanking } from '../../../../shared/contract.js';
import { lockCoursePhase } from '../coursePhaseState/lockCoursePhase.js';
import { TopicRepository } from '../topics/topicRepository.js';
import { RankingRepository } from './rankingRepository.js';

export class RankingService {
  constructor(private readonly db: Db) {}

  mine(caller: CoreIdentity): Promise<MyRanking> {
    return new RankingRepository(this.db).mine(caller.coursePhaseId, caller.userId);
  }

  list(caller: CoreIdentity): Promise<StudentRanking[]> {
    return new RankingRepository(this.db).list(caller.coursePhaseId);
  }

  save(
    caller: CoreIdentity,
    input: { topicIds: string[]; displayName: string },
  ): Promise<MyRanking> {
    return this.db.transaction(async (tx) => {
      await lockCoursePhase(tx, caller.coursePhaseId, 'change');
      const known = await new TopicRepository(tx).existing(caller.coursePhaseId, input.topicIds);
      const errors = input.topicIds.flatMap((id, index) =>
        known.has(id)
          ? []
          : [
              {
                path: `body.topicIds.${index}`,
                message: `there is no topic ${id} in this course phase (it may have been deleted); reload the topics`,
              },
            ],
      );
      if (errors.length > 0) {
        throw invalid(
          `The ranking names ${errors.length === 1 ? 'a topic' : 'topics'} this course phase does not have: ${errors.map((e) => e.path).join(', ')}. Reload the topics and save again.`,
          errors,
        );
      }
      const rankings = new RankingRepository(tx);
      await rankings.save(caller.coursePhaseId, caller.userId, input.displayName, input.topicIds);
      return rankings.mine(caller.coursePhaseId, caller.userId);
    });
  }
}
