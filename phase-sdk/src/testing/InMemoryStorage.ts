/**
 * Core storage in memory, with the registry's rules that a phase can notice: versions that grow by
 * one per write, a stale write refused with a `VersionConflictError` carrying the current
 * document, the size limit, documents stored as JSON copies, participants listed by name and page
 * by page. Access rules are not checked (render the component with the role you test instead).
 * `TestPhaseProvider` uses one per provider; share one between two providers to play two users or
 * two tabs, and use `seed` to play a write that happened elsewhere.
 */

import {
  type DocumentLocation,
  documentLocation,
  locationKey,
} from '../client/DocumentLocation.js';
import { DocumentTooLargeError } from '../client/DocumentTooLargeError.js';
import type { DocumentHandle } from '../client/defineDocuments.js';
import type { ParticipantsPageRequest, StorageBackend } from '../client/StorageBackend.js';
import { VersionConflictError } from '../client/VersionConflictError.js';
import type { ParticipantDataScope, ParticipantsPage, StoredDocument } from '../contract/index.js';

export interface InMemoryParticipant {
  userId: string;
  email: string;
  name: string;
}

export interface InMemoryStorageOptions {
  /** The course's students, as `listParticipants` returns them. */
  participants?: readonly InMemoryParticipant[];
  /** Recorded as `updatedBy` of writes made through the backend. Default `null`. */
  writerId?: string | null;
  now?: () => Date;
}

const EMPTY: StoredDocument = { version: 0, doc: null, updatedAt: null, updatedBy: null };

const copy = (stored: StoredDocument): StoredDocument => structuredClone(stored);

export class InMemoryStorage implements StorageBackend {
  private readonly documents = new Map<string, StoredDocument>();
  private readonly participants: InMemoryParticipant[];
  private readonly writerId: string | null;
  private readonly now: () => Date;
  private failures: Error[] = [];
  private holds: Promise<unknown>[] = [];
  /** Every write made through the backend (not `seed`), in order, for assertions. */
  readonly writes: { location: DocumentLocation; doc: unknown; expectedVersion: number }[] = [];

  constructor(options: InMemoryStorageOptions = {}) {
    this.participants = [...(options.participants ?? [])].sort(
      (a, b) => a.name.localeCompare(b.name) || a.userId.localeCompare(b.userId),
    );
    this.writerId = options.writerId ?? null;
    this.now = options.now ?? (() => new Date());
  }

  async read(location: DocumentLocation): Promise<StoredDocument> {
    return copy(this.documents.get(locationKey(location)) ?? EMPTY);
  }

  async write(
    location: DocumentLocation,
    doc: unknown,
    expectedVersion: number,
  ): Promise<StoredDocument> {
    const json = DocumentTooLargeError.check(location, doc);
    const hold = this.holds.shift();
    if (hold) await hold;
    const failure = this.failures.shift();
    if (failure) throw failure;
    this.writes.push({ location, doc: JSON.parse(json), expectedVersion });
    const current = this.documents.get(locationKey(location)) ?? EMPTY;
    if (current.version !== expectedVersion) {
      throw new VersionConflictError(location, expectedVersion, copy(current));
    }
    return copy(this.store(location, JSON.parse(json), this.writerId));
  }

  async listParticipants(
    scope: ParticipantDataScope,
    page: ParticipantsPageRequest = {},
  ): Promise<ParticipantsPage> {
    const limit = page.limit ?? 50;
    const start = page.cursor ? Number(page.cursor) : 0;
    const slice = this.participants.slice(start, start + limit);
    return {
      items: slice.map((participant) => ({
        ...participant,
        ...copy(
          this.documents.get(
            locationKey({ level: 'participant', scope, userId: participant.userId }),
          ) ?? EMPTY,
        ),
      })),
      nextCursor: start + limit < this.participants.length ? String(start + limit) : null,
    };
  }

  /**
   * Store a document as if someone else had written it (the version grows by one): set up a
   * test, or make the phase's next save meet a conflict.
   *
   * @example
   * memory.seed(documents.course.shared, { steps: [] });
   * memory.seed(documents.participant.own, { done: ['profile'] }, studentId);
   */
  seed(handle: DocumentHandle, doc: unknown, userId?: string): StoredDocument {
    const location = documentLocation(handle, userId);
    return copy(this.store(location, structuredClone(doc), null));
  }

  /** What is stored for a handle now (version 0 and doc `null` when nothing). */
  peek(handle: DocumentHandle, userId?: string): StoredDocument {
    return copy(this.documents.get(locationKey(documentLocation(handle, userId))) ?? EMPTY);
  }

  /**
   * Keep the next write in flight until `until` settles, as a slow network would: test what the
   * phase shows while a save is under way.
   *
   * @example
   * let release = () => {};
   * memory.holdNextWrite(new Promise<void>((resolve) => { release = resolve; }));
   */
  holdNextWrite(until: Promise<unknown>): void {
    this.holds.push(until.catch(() => undefined));
  }

  /** Make the next write fail with `error` (e.g. a `CoreNetworkError`), to test a rollback. */
  failNextWrite(error: Error): void {
    this.failures.push(error);
  }

  private store(location: DocumentLocation, doc: unknown, by: string | null): StoredDocument {
    const key = locationKey(location);
    const previous = this.documents.get(key) ?? EMPTY;
    const stored: StoredDocument = {
      version: previous.version + 1,
      doc: doc as StoredDocument['doc'],
      updatedAt: this.now().toISOString(),
      updatedBy: by,
    };
    this.documents.set(key, stored);
    return stored;
  }
}
