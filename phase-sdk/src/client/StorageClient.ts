/**
 * The storage client of one course phase, in plain TypeScript: the host creates one per course
 * phase and puts it in the PhaseContext, the React hooks wrap it, and the test kit builds one over
 * an in-memory backend. It hands out a `DocumentClient` per document (typed by the handle from
 * `defineDocuments`) and lists participants with their documents, checked against the schema.
 */
import type { z } from 'zod';
import type { CoreClient } from './CoreClient.js';
import { DocumentClient, type DocumentSlot, parseStoredDocument } from './DocumentClient.js';
import { type DocumentLocation, documentLocation, locationKey } from './DocumentLocation.js';
import { DocumentSchemaError } from './DocumentSchemaError.js';
import type {
  CourseDocumentHandle,
  DocumentHandle,
  ParticipantDocumentHandle,
} from './defineDocuments.js';
import { HttpStorageBackend } from './HttpStorageBackend.js';
import type { ParticipantsPageRequest, StorageBackend } from './StorageBackend.js';
import type { TypedParticipant, TypedParticipantsPage } from './TypedDocument.js';

export class StorageClient {
  private readonly slots = new Map<string, DocumentSlot>();

  constructor(readonly backend: StorageBackend) {}

  /**
   * The client of a course phase on the registry (what the host puts in the PhaseContext).
   *
   * @example
   * const storage = StorageClient.forCoursePhase(new CoreClient(), coursePhaseId);
   */
  static forCoursePhase(core: CoreClient, coursePhaseId: string): StorageClient {
    return new StorageClient(new HttpStorageBackend(core, coursePhaseId));
  }

  /**
   * One document: a course-phase document by its handle, or a participant's by handle and user id.
   *
   * @example
   * const { data, version } = await storage.document(documents.course.shared).get();
   * await storage.document(documents.participant.own, user.id).update((mine) => ({ ...mine, done }));
   */
  document<S extends z.ZodType>(handle: CourseDocumentHandle<S>): DocumentClient<z.output<S>>;
  document<S extends z.ZodType>(
    handle: ParticipantDocumentHandle<S>,
    userId: string,
  ): DocumentClient<z.output<S>>;
  document<S extends z.ZodType>(
    handle: DocumentHandle<S>,
    userId?: string,
  ): DocumentClient<z.output<S>> {
    const location = documentLocation(handle, userId);
    const key = locationKey(location);
    let slot = this.slots.get(key);
    if (!slot) {
      slot = { tail: Promise.resolve(), lastKnown: null };
      this.slots.set(key, slot);
    }
    return new DocumentClient(
      this.backend,
      location,
      handle.schema as z.ZodType<z.output<S>>,
      slot,
      handle,
    );
  }

  /**
   * One page of the course's students with their document of `handle` (staff only). A document
   * that does not match the schema leaves that participant's `data` empty and sets `schemaError`.
   *
   * @example
   * let page = await storage.participants(documents.participant.own);
   * while (page.nextCursor) page = await storage.participants(handle, { cursor: page.nextCursor });
   */
  async participants<S extends z.ZodType>(
    handle: ParticipantDocumentHandle<S>,
    page: ParticipantsPageRequest = {},
  ): Promise<TypedParticipantsPage<z.output<S>>> {
    assertHandle(handle, 'participant', 'storage.participants()');
    const schema = handle.schema as z.ZodType<z.output<S>>;
    const answer = await this.backend.listParticipants(handle.scope, page);
    return {
      nextCursor: answer.nextCursor,
      items: answer.items.map((item): TypedParticipant<z.output<S>> => {
        const { userId, email, name } = item;
        const base = { userId, email, name, updatedAt: item.updatedAt, updatedBy: item.updatedBy };
        const location: DocumentLocation = { level: 'participant', scope: handle.scope, userId };
        try {
          return { ...base, ...parseStoredDocument(location, schema, item), schemaError: null };
        } catch (error) {
          if (!(error instanceof DocumentSchemaError)) throw error;
          return { ...base, version: item.version, data: undefined, schemaError: error };
        }
      }),
    };
  }
}

function assertHandle(handle: DocumentHandle, level: DocumentHandle['level'], where: string) {
  if (handle?.level !== level) {
    throw new TypeError(
      `${where} needs a ${level} document handle (documents.${level}.<scope> from defineDocuments), got ${handle?.level ? `a ${handle.level} handle` : String(handle)}.`,
    );
  }
}
