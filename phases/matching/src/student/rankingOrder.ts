/**
 * The order of a student's ranking list: their saved ranking first (topics deleted since are
 * gone), then the topics they have not ranked yet, in the lecturer's order. And one move within
 * it, which both drag-and-drop and the Move up/Move down buttons use.
 */
import type { Topic } from '../../shared/contract';

export interface RankingOrder {
  topics: Topic[];
  /** Topics added after the student last saved (they sit at the end, unranked). */
  unranked: Topic[];
}

export function initialOrder(topics: readonly Topic[], savedIds: readonly string[]): RankingOrder {
  const byId = new Map(topics.map((topic) => [topic.id, topic]));
  const ranked = savedIds.flatMap((id) => {
    const topic = byId.get(id);
    return topic ? [topic] : [];
  });
  const rankedIds = new Set(ranked.map((topic) => topic.id));
  const rest = topics.filter((topic) => !rankedIds.has(topic.id));
  return { topics: [...ranked, ...rest], unranked: savedIds.length > 0 ? rest : [] };
}

/** A copy of `items` with the item at `from` moved to `to` (both clamped to the list). */
export function moveItem<T>(items: readonly T[], from: number, to: number): T[] {
  const next = [...items];
  if (from < 0 || from >= next.length) return next;
  const [item] = next.splice(from, 1);
  next.splice(Math.max(0, Math.min(to, next.length)), 0, item as T);
  return next;
}
