/**
 * A document larger than core storage keeps (`MAX_DOCUMENT_BYTES` of JSON). Checked before
 * sending, so that the user learns it without a round trip; the registry enforces the same limit
 * with a 413.
 */
import { MAX_DOCUMENT_BYTES, measureDocument } from '../contract/index.js';
import { type DocumentLocation, describeLocation } from './DocumentLocation.js';

export class DocumentTooLargeError extends Error {
  override readonly name = 'DocumentTooLargeError';
  readonly code = 'CK_PAYLOAD_TOO_LARGE';

  constructor(
    readonly location: DocumentLocation,
    readonly bytes: number,
  ) {
    const what = describeLocation(location);
    super(
      `${what.charAt(0).toUpperCase()}${what.slice(1)} is ${bytes} bytes as JSON, more than the ${MAX_DOCUMENT_BYTES} bytes core storage keeps, so nothing was written: store less, or split it over several documents (e.g. one per participant).`,
    );
  }

  /** Throw when `doc` serialises to more than `MAX_DOCUMENT_BYTES`; returns the JSON otherwise. */
  static check(location: DocumentLocation, doc: unknown): string {
    const { json, bytes, tooLarge } = measureDocument(doc);
    if (tooLarge) throw new DocumentTooLargeError(location, bytes);
    return json;
  }
}
