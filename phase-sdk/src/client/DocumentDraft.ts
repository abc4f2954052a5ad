/**
 * A draft: a user's unsaved edit of a document together with the version it started from. Its
 * save names that version (`If-Match`), never the newest one the client has seen since, so a save
 * by someone else in between (another user, another tab, caught up by a background read) becomes
 * a conflict instead of being overwritten. `draftConflict` says what such a conflict is about:
 * what the other person changed, and the document's merge of both edits when it defines one.
 */
import type { DocumentClient } from './DocumentClient.js';
import { diffJson, type JsonChange } from './diffJson.js';
import type { VersionConflictError } from './VersionConflictError.js';

export interface DocumentDraft<T> {
  /** The edited document. */
  data: T;
  /** The version the edit started from; saving the draft writes over this version only. */
  baseVersion: number;
  /** The document at `baseVersion`; `undefined` when nothing was stored or it was unreadable. */
  base: T | undefined;
}

/** What a draft's conflict is about (the hooks add the buttons: keep mine, merge, take theirs). */
export interface DraftConflictInfo<T> {
  /** What the draft started from. */
  base: T | undefined;
  /** The draft. */
  mine: T;
  /** What is stored now; `undefined` when it does not match the schema. */
  theirs: T | undefined;
  /** The version stored now; a save over it must name it. */
  theirVersion: number;
  /** What the other person changed: from `base` to what is stored now. */
  theirChanges: JsonChange[];
  /**
   * The document's merge of both edits (`defineDocument(schema, { merge })`), checked against the
   * schema; `undefined` when it defines none, or when theirs cannot be read or merged.
   */
  merged: T | undefined;
}

/**
 * @example
 * const info = draftConflict(document, draft, error); // error: the save's VersionConflictError
 * info.theirChanges.map(describeJsonChange);         // ['added steps[id=x]: {...}']
 */
export function draftConflict<T>(
  document: DocumentClient<T>,
  draft: DocumentDraft<T>,
  error: VersionConflictError,
): DraftConflictInfo<T> {
  let theirs: T | undefined;
  try {
    theirs = document.parse(error.current).data;
  } catch {
    theirs = undefined;
  }
  return {
    base: draft.base,
    mine: draft.data,
    theirs,
    theirVersion: error.current.version,
    theirChanges: diffJson(draft.base, theirs ?? error.current.doc ?? undefined),
    merged: theirs === undefined ? undefined : document.merge(draft.base, draft.data, theirs),
  };
}
