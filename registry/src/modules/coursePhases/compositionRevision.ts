/**
 * Composition revisions. The global one is bumped by every change that can alter what a course
 * resolves to, in that change's transaction; resolve answers are cached per course under it, and
 * each replica keeps the revision it read until the change feed's `composition` topic (published
 * after every such change) or a few seconds tell it to read it again.
 * Each course also has its own revision, the version of its composition that editors read and
 * name in `If-Match`: a change based on an older revision is refused, never applied over another.
 */
import type { Queryable } from '@coursekit/phase-sdk/server';

export async function bumpCompositionRevision(tx: Queryable): Promise<void> {
  await tx.query('UPDATE composition_revision SET revision = revision + 1 WHERE id = 1');
}

export async function compositionRevision(db: Queryable): Promise<number> {
  const [row] = await db.query<{ revision: string | number }>(
    'SELECT revision FROM composition_revision WHERE id = 1',
  );
  return Number(row?.revision ?? 0);
}

/** A course's composition revision; with `lock`, the course row stays locked until commit. */
export async function courseCompositionRevision(
  db: Queryable,
  courseId: string,
  options: { lock?: boolean } = {},
): Promise<number | null> {
  const [row] = await db.query<{ composition_revision: string | number }>(
    `SELECT composition_revision FROM courses WHERE id = $1${options.lock ? ' FOR UPDATE' : ''}`,
    [courseId],
  );
  return row ? Number(row.composition_revision) : null;
}

/** Bump a course's revision (and the global one) in the change's transaction; returns the new one. */
export async function bumpCourseComposition(tx: Queryable, courseId: string): Promise<number> {
  const [row] = await tx.query<{ composition_revision: string | number }>(
    `UPDATE courses SET composition_revision = composition_revision + 1 WHERE id = $1
     RETURNING composition_revision`,
    [courseId],
  );
  await bumpCompositionRevision(tx);
  return Number(row?.composition_revision ?? 0);
}

/**
 * The revision an `If-Match` header names: `"12"` or `W/"12"`; `'*'` for "whatever is current"
 * (scripts that mean to overwrite); `null` when it is missing or not a revision.
 */
export function parseCompositionIfMatch(header: string | undefined): number | '*' | null {
  if (header === undefined) return null;
  const value = header.trim();
  if (value === '*') return '*';
  const match = /^(?:W\/)?"(\d{1,15})"$/.exec(value);
  return match ? Number(match[1]) : null;
}
