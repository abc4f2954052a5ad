/**
 * Core storage over the registry's HTTP API for one course phase, through a `CoreClient` (session
 * cookie and CSRF header). Writes send the version they read as `If-Match`; a stale write (409)
 * becomes a `VersionConflictError` carrying the current document from the answer. Reads ask the
 * browser to revalidate (`cache: 'no-cache'`), so the ETag saves bytes without serving stale data.
 */
import {
  type ParticipantDataScope,
  ParticipantsPage,
  StoredDocument,
  VersionConflict,
  versionTag,
} from '../contract/index.js';
import { CoreApiError } from './CoreApiError.js';
import type { CoreClient } from './CoreClient.js';
import type { DocumentLocation } from './DocumentLocation.js';
import { DocumentTooLargeError } from './DocumentTooLargeError.js';
import type { ParticipantsPageRequest, StorageBackend } from './StorageBackend.js';
import { VersionConflictError } from './VersionConflictError.js';

export class HttpStorageBackend implements StorageBackend {
  constructor(
    private readonly core: CoreClient,
    readonly coursePhaseId: string,
  ) {}

  /** `/api/course-phases/<id>/data/<scope>` or `.../participants/<userId>/data/<scope>`. */
  path(location: DocumentLocation): string {
    const base = `/api/course-phases/${encodeURIComponent(this.coursePhaseId)}`;
    return location.level === 'course'
      ? `${base}/data/${location.scope}`
      : `${base}/participants/${encodeURIComponent(location.userId)}/data/${location.scope}`;
  }

  read(location: DocumentLocation): Promise<StoredDocument> {
    return this.core.request(this.path(location), StoredDocument, { cache: 'no-cache' });
  }

  async write(
    location: DocumentLocation,
    doc: unknown,
    expectedVersion: number,
  ): Promise<StoredDocument> {
    const body = DocumentTooLargeError.check(location, doc);
    try {
      return await this.core.request(this.path(location), StoredDocument, {
        method: 'PUT',
        body,
        headers: { 'content-type': 'application/json', 'if-match': versionTag(expectedVersion) },
      });
    } catch (error) {
      if (!(error instanceof CoreApiError) || error.status !== 409) throw error;
      const conflict = VersionConflict.safeParse(error.body);
      // A 409 without `current` (a proxy, an older registry): read what is stored instead.
      const current = conflict.success ? conflict.data.current : await this.read(location);
      throw new VersionConflictError(location, expectedVersion, current, { cause: error });
    }
  }

  listParticipants(
    scope: ParticipantDataScope,
    page: ParticipantsPageRequest = {},
  ): Promise<ParticipantsPage> {
    const query = new URLSearchParams({ scope, limit: String(page.limit ?? 50) });
    if (page.cursor) query.set('cursor', page.cursor);
    return this.core.request(
      `/api/course-phases/${encodeURIComponent(this.coursePhaseId)}/participants?${query}`,
      ParticipantsPage,
      { cache: 'no-cache' },
    );
  }
}
