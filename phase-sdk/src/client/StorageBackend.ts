/**
 * What the storage client needs from a store of documents, for one course phase: read, write with
 * the version read, and list participants. The browser uses `HttpStorageBackend` (the registry);
 * tests use `InMemoryStorage` from `@coursekit/phase-sdk/testing`. Backends move plain JSON; the
 * `StorageClient` above them checks documents against the phase's schemas.
 */
import type { ParticipantDataScope, ParticipantsPage, StoredDocument } from '../contract/index.js';
import type { DocumentLocation } from './DocumentLocation.js';

export interface ParticipantsPageRequest {
  /** Participants per page, 1 to 200. Default 50. */
  limit?: number;
  /** `nextCursor` of the previous page; absent for the first. */
  cursor?: string | null;
}

export interface StorageBackend {
  /** The stored document; version 0 and doc `null` when nothing was written yet. */
  read(location: DocumentLocation): Promise<StoredDocument>;
  /**
   * Store `doc` (any JSON value) if `expectedVersion` is still the stored version (0 to create).
   * Throws `VersionConflictError` with the current document otherwise.
   */
  write(location: DocumentLocation, doc: unknown, expectedVersion: number): Promise<StoredDocument>;
  /** One page of the course's students with their document in `scope` (staff only). */
  listParticipants(
    scope: ParticipantDataScope,
    page?: ParticipantsPageRequest,
  ): Promise<ParticipantsPage>;
}
