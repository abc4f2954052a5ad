/**
 * A stored document after its schema check: the typed data (absent while nothing was written)
 * with its version and who wrote it last. This is what the storage client and the hooks hand out.
 */
import type { StoredDocument } from '../contract/index.js';
import type { DocumentSchemaError } from './DocumentSchemaError.js';

export interface TypedDocument<T> {
  /** Grows by one per write; 0 while nothing was written. Send it back with the next write. */
  version: number;
  /** The document; `undefined` while nothing was written (version 0). */
  data: T | undefined;
  updatedAt: string | null;
  updatedBy: string | null;
}

/** One participant with their document, as the participant listing hands them out. */
export interface TypedParticipant<T> extends TypedDocument<T> {
  userId: string;
  email: string;
  name: string;
  /**
   * Set when this participant's stored document does not match the schema (`data` is then
   * `undefined`): one outdated document must not hide everybody else's.
   */
  schemaError: DocumentSchemaError | null;
}

export interface TypedParticipantsPage<T> {
  items: TypedParticipant<T>[];
  /** Pass it as `cursor` to get the next page; `null` on the last page. */
  nextCursor: string | null;
}

/** The typed document of a stored one whose `doc` already passed the schema (or is empty). */
export function typedDocument<T>(stored: StoredDocument, data: T | undefined): TypedDocument<T> {
  return {
    version: stored.version,
    data,
    updatedAt: stored.updatedAt,
    updatedBy: stored.updatedBy,
  };
}
