/**
 * The rules of topics: titles are unique per course phase (in any letter case), and every change
 * runs in a transaction holding the course phase's lock, so it never interleaves with a matching
 * run and marks the previous result as stale.
 */
import type { CoreIdentity, Db, Queryable } from '@coursekit/phase-sdk/server';
import { conflict, notFound } from '@coursekit/phase-sdk/server';
import type { CreateTopic, Topic, UpdateTopic } from '../../../../shared/contract.js';
import { lockCoursePhase } from '../coursePhaseState/lockCoursePhase.js';
import { TopicRepository } from './topicRepository.js';

type Created = Required<CreateTopic>;
type Patch = { [K in keyof UpdateTopic]?: Exclude<UpdateTopic[K], undefined> };

async function assertTitleFree(
  topics: TopicRepository,
  coursePhaseId: string,
  title: string,
  exceptId?: string,
): Promise<void> {
  const same = await topics.findByTitle(coursePhaseId, title);
  if (same && same.id !== exceptId) {
    throw conflict(
      `A topic titled "${same.title}" already exists in this course phase; pick another title or edit that topic.`,
    );
  }
}

export class TopicService {
  constructor(private readonly db: Db) {}

  list(caller: CoreIdentity): Promise<Topic[]> {
    return new TopicRepository(this.db).list(caller.coursePhaseId);
  }

  create(caller: CoreIdentity, input: Created): Promise<Topic> {
    return this.change(caller, async (topics) => {
      await assertTitleFree(topics, caller.coursePhaseId, input.title);
      return topics.insert(caller.coursePhaseId, input);
    });
  }

  update(caller: CoreIdentity, topicId: string, patch: Patch): Promise<Topic> {
    return this.change(caller, async (topics) => {
      const current = await topics.find(caller.coursePhaseId, topicId);
      if (!current) throw notFound('Topic', topicId);
      if (patch.title !== undefined) {
        await assertTitleFree(topics, caller.coursePhaseId, patch.title, topicId);
      }
      const updated = await topics.update(caller.coursePhaseId, topicId, { ...current, ...patch });
      if (!updated) throw notFound('Topic', topicId);
      return updated;
    });
  }

  delete(caller: CoreIdentity, topicId: string): Promise<void> {
    return this.change(caller, async (topics) => {
      if (!(await topics.delete(caller.coursePhaseId, topicId))) throw notFound('Topic', topicId);
    });
  }

  private change<T>(caller: CoreIdentity, work: (topics: TopicRepository) => Promise<T>) {
    return this.db.transaction(async (tx: Queryable) => {
      await lockCoursePhase(tx, caller.coursePhaseId, 'change');
      return work(new TopicRepository(tx));
    });
  }
}
