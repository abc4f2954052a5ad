/**
 * A per-replica cache of database lookups that can never outlive its bounds: every entry expires
 * after `ttlMs` (or earlier, when `ttlOf` says so), and the whole cache is dropped whenever one of
 * its change-feed topics is published by any replica (or when notifications may have been lost).
 * A lookup that was under way while the cache was dropped is answered but not kept, so a reader
 * that raced a change never stores what it read before it. Bounded by `max` entries, least
 * recently used first out (lru-cache).
 *
 *   const roles = new ReplicaCache<Role | null>({ max: 10_000, ttlMs: 5_000, changes, topics: ['memberships'] });
 *   const role = await roles.get(`${courseId}:${userId}`, () => repo.roleIn(courseId, userId));
 */
import { LRUCache } from 'lru-cache';
import type { ChangeFeed } from './ChangeFeed.js';

export interface ReplicaCacheOptions<V> {
  max: number;
  ttlMs: number;
  /** A shorter lifetime for one value (e.g. the session's own expiry), in ms from now. */
  ttlOf?: (value: V) => number;
  changes?: ChangeFeed;
  topics: readonly string[];
}

export class ReplicaCache<V> {
  private readonly entries: LRUCache<string, { value: V }>;
  private generation = 0;

  constructor(private readonly options: ReplicaCacheOptions<V>) {
    this.entries = new LRUCache({ max: options.max, ttl: options.ttlMs });
    for (const topic of options.topics) options.changes?.subscribe(topic, () => this.clear());
  }

  /** The cached value of `key`, else what `load` reads (kept unless the cache was dropped meanwhile). */
  async get(key: string, load: () => Promise<V>): Promise<V> {
    const hit = this.entries.get(key);
    if (hit) return hit.value;
    const generation = this.generation;
    const value = await load();
    if (generation === this.generation) {
      const ttl = Math.min(this.options.ttlMs, this.options.ttlOf?.(value) ?? this.options.ttlMs);
      if (ttl > 0) this.entries.set(key, { value }, { ttl });
    }
    return value;
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.generation++;
    this.entries.clear();
  }
}
