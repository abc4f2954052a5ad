/**
 * Memberships as the authorization layer sees them, cached per replica: on every course-scoped
 * request the registry needs the user's role in the course (and the course phase's course and
 * enabled flag), and asking the database each time costs more than the rest of a cached answer.
 * An entry lives at most `MEMBERSHIP_CACHE_MS`; any change to memberships or to a course's
 * composition made through the API drops every replica's cache at once (topics `memberships` and
 * `composition`, see `changeTopics`), so a removed member or a disabled phase is refused on the
 * next request, on every replica. Only a change made behind the registry's back (SQL by hand)
 * waits for the entry to expire.
 */
import type { Queryable } from '@coursekit/phase-sdk/server';
import type { ChangeFeed } from '../../cache/ChangeFeed.js';
import { COMPOSITION_TOPIC, MEMBERSHIPS_TOPIC } from '../../cache/changeTopics.js';
import { ReplicaCache } from '../../cache/ReplicaCache.js';
import { type CoursePhaseMembership, MembershipRepository } from './membershipRepository.js';

export const MEMBERSHIP_CACHE_MS = 5_000;
const MAX_ENTRIES = 20_000;

export class MembershipCache {
  private readonly repo: MembershipRepository;
  private readonly courses: ReplicaCache<{ role: CoursePhaseMembership['role'] } | undefined>;
  private readonly coursePhases: ReplicaCache<CoursePhaseMembership | undefined>;

  constructor(db: Queryable, changes?: ChangeFeed) {
    this.repo = new MembershipRepository(db);
    const options = {
      max: MAX_ENTRIES,
      ttlMs: MEMBERSHIP_CACHE_MS,
      changes,
      topics: [MEMBERSHIPS_TOPIC, COMPOSITION_TOPIC],
    };
    this.courses = new ReplicaCache(options);
    this.coursePhases = new ReplicaCache(options);
  }

  /** The user's role in the course (`null`: no member); `undefined` when the course does not exist. */
  inCourse(courseId: string, userId: string) {
    return this.courses.get(`${courseId}:${userId}`, () => this.repo.inCourse(courseId, userId));
  }

  /** The course phase and the user's role in its course; `undefined` when it does not exist. */
  inCoursePhase(coursePhaseId: string, userId: string) {
    return this.coursePhases.get(`${coursePhaseId}:${userId}`, () =>
      this.repo.inCoursePhase(coursePhaseId, userId),
    );
  }
}
