/**
 * Core storage in memory, with the registry's rules that a phase can notice: versions that grow by
 * one per write, a stale write refused with a `VersionConflictError` carrying the current
 * document, the size limit and the storable-JSON check (the contract's `measureDocument` and
 * `StorableDocument`), documents stored as JSON copies, participants listed by name and page by
 * page. `forCaller({ userId, role })` is the storage as one member sees it: the registry's access
 * rules (the contract's `storageRefusal`) refuse with the same 403 `CK_FORBIDDEN`, so a student's
 * unit test cannot list every participant's documents. `TestPhaseProvider` uses one per provider,
 * seen by its user and role; share one between two providers to play two users or two tabs, and
 * use `seed` to play a write that happened elsewhere.
 */

import { CoreApiError } from '../client/CoreApiError.js';
import {
  type DocumentLocation,
  documentLocation,
  locationKey,
} from '../client/DocumentLocation.js';
import { DocumentTooLargeError } from '../client/DocumentTooLargeError.js';
import type { DocumentHandle } from '../client/defineDocuments.js';
import type { ParticipantsPageRequest, StorageBackend } from '../client/StorageBackend.js';
import { VersionConflictError } from '../client/VersionConflictError.js';
import {
  type CourseRole,
  type ParticipantDataScope,
  type ParticipantsPage,
  StorableDocument,
  type StorageOperation,
  type StoredDocument,
  storageRefusal,
} from '../contract/index.js';

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

/** A member of the course as storage sees them: who they are and their role there. */
export interface StorageCaller {
  userId: string;
  /** `null`: not a member of the course (an admin who is no member included). */
  role: CourseRole | null;
}

const refusal = (
  status: number,
  code: string,
  detail: string,
  errors?: { path: string; message: string }[],
) =>
  new CoreApiError(status, {
    type: `https://coursekit.dev/errors/${code}`,
    title: detail,
    status,
    code,
    detail,
    ...(errors ? { errors } : {}),
  });

function operationOn(
  location: DocumentLocation,
  action: 'read' | 'write',
  caller: StorageCaller,
): StorageOperation {
  return location.level === 'course'
    ? { action, level: 'course', scope: location.scope }
    : {
        action,
        level: 'participant',
        scope: location.scope,
        self: location.userId.toLowerCase() === caller.userId.toLowerCase(),
      };
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
    return this.writeAs(location, doc, expectedVersion, this.writerId);
  }

  /**
   * This storage as one member of the course sees it: every read, write and listing first passes
   * the registry's access rules for their role, and is refused as the registry refuses it.
   *
   * @example
   * const asStudent = memory.forCaller({ userId: student.id, role: 'student' });
   * await asStudent.listParticipants('own'); // throws CoreApiError 403 CK_FORBIDDEN
   */
  forCaller(caller: StorageCaller): StorageBackend {
    const check = (operation: StorageOperation) => {
      const reason = storageRefusal(caller.role, operation);
      if (reason) throw refusal(403, 'CK_FORBIDDEN', reason);
    };
    return {
      read: async (location) => {
        check(operationOn(location, 'read', caller));
        return this.read(location);
      },
      write: async (location, doc, expectedVersion) => {
        check(operationOn(location, 'write', caller));
        return this.writeAs(location, doc, expectedVersion, caller.userId);
      },
      listParticipants: async (scope, page) => {
        check({ action: 'list', level: 'participants' });
        return this.listParticipants(scope, page);
      },
    };
  }

  private async writeAs(
    location: DocumentLocation,
    doc: unknown,
    expectedVersion: number,
    writerId: string | null,
  ): Promise<StoredDocument> {
    // The registry's order: the body's shape (400), then its size (413).
    const storable = StorableDocument.safeParse(doc);
    if (!storable.success) {
      const errors = storable.error.issues.map((issue) => ({
        path: ['body', ...issue.path.map(String)].join('.'),
        message: issue.message,
      }));
      throw refusal(
        400,
        'CK_VALIDATION',
        `The body is invalid: ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}.`,
        errors,
      );
    }
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
    return copy(this.store(location, JSON.parse(json), writerId));
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
    return this.seedAt(documentLocation(handle, userId), doc);
  }

  /** `seed` by location, untyped, recording `by` as the writer: for fakes built on this storage. */
  seedAt(location: DocumentLocation, doc: unknown, by: string | null = null): StoredDocument {
    return copy(this.store(location, structuredClone(doc), by));
  }

  /** What is stored for a handle now (version 0 and doc `null` when nothing). */
  peek(handle: DocumentHandle, userId?: string): StoredDocument {
    return this.peekAt(documentLocation(handle, userId));
  }

  /** `peek` by location. */
  peekAt(location: DocumentLocation): StoredDocument {
    return copy(this.documents.get(locationKey(location)) ?? EMPTY);
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
