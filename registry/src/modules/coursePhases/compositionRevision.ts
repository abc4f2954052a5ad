/**
 * The composition revision: bumped by every change that can alter what a course resolves to, in
 * that change's transaction, and read (one tiny query) before a resolve answer is served from
 * cache. Every replica reads the same row, so no replica serves a stale composition.
 */
import type { Queryable } from '../../db/Db.js';

export async function bumpCompositionRevision(tx: Queryable): Promise<void> {
  await tx.query('UPDATE composition_revision SET revision = revision + 1 WHERE id = 1');
}

export async function compositionRevision(db: Queryable): Promise<number> {
  const [row] = await db.query<{ revision: string | number }>(
    'SELECT revision FROM composition_revision WHERE id = 1',
  );
  return Number(row?.revision ?? 0);
}
