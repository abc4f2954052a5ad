/**
 * Reads and writes one document (a course-phase document, or one participant's) with the phase's
 * zod schema: reads are checked (an outdated stored document becomes a `DocumentSchemaError`, not
 * a crash), writes are checked before they leave and name the version they read. `update` is the
 * merge path: it applies a function to the current document and, when someone else saved first,
 * applies it again to what is stored now, a bounded number of times. Writes to one document from
 * one client run one after another, so that quick successive changes build on each other.
 * Get one from `StorageClient.document(...)`.
 */
import { z } from 'zod';
import type { StoredDocument } from '../contract/index.js';
import type { DocumentLocation } from './DocumentLocation.js';
import { DocumentSchemaError } from './DocumentSchemaError.js';
import type { DocumentMerge } from './defineDocuments.js';
import type { StorageBackend } from './StorageBackend.js';
import { type TypedDocument, typedDocument } from './TypedDocument.js';
import { VersionConflictError } from './VersionConflictError.js';

/** Per document and client: the write queue and the newest version seen. */
export interface DocumentSlot {
  tail: Promise<unknown>;
  lastKnown: StoredDocument | null;
}

export interface UpdateOptions {
  /** Writes attempted in all before the conflict is thrown. Default 3. */
  attempts?: number;
}

export const DEFAULT_UPDATE_ATTEMPTS = 3;

/** Check a stored document against `schema`; throws `DocumentSchemaError` when it does not match. */
export function parseStoredDocument<T>(
  location: DocumentLocation,
  schema: z.ZodType<T>,
  stored: StoredDocument,
): TypedDocument<T> {
  if (stored.version === 0 || stored.doc === null) return typedDocument<T>(stored, undefined);
  const result = z.safeParse(schema, stored.doc);
  if (!result.success) {
    throw new DocumentSchemaError(location, 'read', result.error.issues, stored.version);
  }
  return typedDocument(stored, result.data);
}

export class DocumentClient<T> {
  constructor(
    private readonly backend: StorageBackend,
    readonly location: DocumentLocation,
    readonly schema: z.ZodType<T>,
    private readonly slot: DocumentSlot,
    /** The document's merge, when its definition has one (`defineDocument(schema, { merge })`). */
    private readonly definition: Partial<DocumentMerge<T>> = {},
  ) {}

  /** Whether the document defines a merge. */
  get canMerge(): boolean {
    return typeof this.definition.merge === 'function';
  }

  /**
   * The document's three-way merge of two edits of `base`, checked against the schema;
   * `undefined` when it defines none, or its result throws or does not match the schema (then
   * the user chooses between the two versions instead).
   *
   * @example
   * const merged = doc.merge(draft.base, draft.data, conflictingDocument);
   */
  merge(base: T | undefined, mine: T, theirs: T): T | undefined {
    const merge = this.definition.merge;
    if (!merge) return undefined;
    let merged: T;
    try {
      merged = merge(base, mine, theirs);
    } catch {
      return undefined;
    }
    const checked = z.safeParse(this.schema, merged);
    return checked.success ? checked.data : undefined;
  }

  /**
   * Check a stored document against the schema.
   *
   * @example
   * try { doc.parse(conflict.current) } catch (e) { if (e instanceof DocumentSchemaError) ... }
   */
  parse(stored: StoredDocument): TypedDocument<T> {
    return parseStoredDocument(this.location, this.schema, stored);
  }

  /** Read the document (`data` is `undefined` while nothing was written). */
  async get(): Promise<TypedDocument<T>> {
    const stored = await this.backend.read(this.location);
    this.remember(stored);
    return this.parse(stored);
  }

  /**
   * Write `data` over `expectedVersion` (the version it was based on; 0 for a new document).
   * Throws `VersionConflictError` when another write came first, `DocumentSchemaError` when
   * `data` does not match the schema (nothing is sent then).
   */
  put(data: T, expectedVersion: number): Promise<TypedDocument<T>> {
    return this.enqueue(() => this.write(data, expectedVersion));
  }

  /**
   * Apply `change` to the current document and save the result; on a version conflict apply it
   * again to the document stored now (the 409 carries it), up to `attempts` writes in all. It
   * starts from the newest version this client has seen, or reads first. `change` must be pure:
   * it may run several times.
   *
   * @example
   * await progress.update((current) => ({ done: [...(current?.done ?? []), 'profile'] }));
   */
  update(
    change: (current: T | undefined) => T,
    options: UpdateOptions = {},
  ): Promise<TypedDocument<T>> {
    const attempts = Math.max(1, options.attempts ?? DEFAULT_UPDATE_ATTEMPTS);
    return this.enqueue(async () => {
      let current = this.latest() ?? (await this.get());
      for (let attempt = 1; ; attempt++) {
        try {
          return await this.write(change(current.data), current.version);
        } catch (error) {
          if (!(error instanceof VersionConflictError) || attempt >= attempts) throw error;
          current = this.parse(error.current);
        }
      }
    });
  }

  private async write(data: T, expectedVersion: number): Promise<TypedDocument<T>> {
    const checked = z.safeParse(this.schema, data);
    if (!checked.success) {
      throw new DocumentSchemaError(this.location, 'write', checked.error.issues);
    }
    try {
      const stored = await this.backend.write(this.location, checked.data, expectedVersion);
      this.remember(stored);
      return typedDocument(stored, checked.data);
    } catch (error) {
      if (error instanceof VersionConflictError) this.remember(error.current);
      throw error;
    }
  }

  /**
   * The newest stored version this client has seen (read, written, or reported by a conflict),
   * checked against the schema; `undefined` before the first read.
   */
  latest(): TypedDocument<T> | undefined {
    const known = this.slot.lastKnown;
    return known ? this.parse(known) : undefined;
  }

  private remember(stored: StoredDocument): void {
    const known = this.slot.lastKnown;
    if (!known || stored.version >= known.version) this.slot.lastKnown = stored;
  }

  private enqueue<R>(task: () => Promise<R>): Promise<R> {
    const run = this.slot.tail.then(task);
    this.slot.tail = run.catch(() => undefined);
    return run;
  }
}
