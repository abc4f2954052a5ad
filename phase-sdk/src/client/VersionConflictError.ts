/**
 * A write named a version that is no longer stored: someone (another user, another tab) saved in
 * between. Core storage never overwrites silently; this error carries what is stored now, so the
 * caller can apply its change again on top of it (or let the user choose).
 */
import type { StoredDocument } from '../contract/index.js';
import { type DocumentLocation, describeLocation } from './DocumentLocation.js';

export class VersionConflictError extends Error {
  override readonly name = 'VersionConflictError';
  readonly code = 'CK_VERSION_CONFLICT';

  /**
   * @example
   * new VersionConflictError({ level: 'course', scope: 'shared' }, 3, current).message
   * // The shared course-phase document changed since it was read: this write expected version 3,
   * // but version 4 is stored. Apply your change to the current document and save again ...
   */
  constructor(
    readonly location: DocumentLocation,
    /** The version the failed write named (the one it had read). */
    readonly expectedVersion: number,
    /** The document stored now, as the core answered it (not yet checked against a schema). */
    readonly current: StoredDocument,
    options?: { cause?: unknown },
  ) {
    const what = describeLocation(location);
    super(
      `${what.charAt(0).toUpperCase()}${what.slice(1)} changed since it was read: this write expected version ${expectedVersion}, but version ${current.version} is stored. Apply your change to the current document and save again (save() with an updater function does this for you).`,
      options,
    );
  }
}
