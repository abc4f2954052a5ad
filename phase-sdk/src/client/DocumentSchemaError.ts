/**
 * A document that does not match the phase's zod schema: a stored one written by an older version
 * of the phase (read), or a value the phase tried to save (write). It carries the zod issues, so a
 * phase can show what is wrong instead of crashing on unexpected data.
 */
import { z } from 'zod';
import { type DocumentLocation, describeLocation } from './DocumentLocation.js';

export class DocumentSchemaError extends Error {
  override readonly name = 'DocumentSchemaError';
  readonly code = 'CK_DOCUMENT_SCHEMA';

  /**
   * @example
   * new DocumentSchemaError({ level: 'course', scope: 'shared' }, 'read', issues, 3).message
   * // The stored shared course-phase document (version 3) does not match the phase's schema: ...
   */
  constructor(
    readonly location: DocumentLocation,
    readonly operation: 'read' | 'write',
    readonly issues: readonly z.core.$ZodIssue[],
    /** The stored version that failed to parse (for reads); `null` for writes. */
    readonly version: number | null = null,
  ) {
    const what = describeLocation(location);
    const details = z.prettifyError(new z.ZodError([...issues]));
    super(
      operation === 'read'
        ? `The stored ${what.replace(/^the /, '')} (version ${version ?? '?'}) does not match the phase's schema:\n${details}\nSave a valid document to replace it, or let the schema accept the stored shape (a z.union with the old shape, or .catch() defaults).`
        : `${what.charAt(0).toUpperCase()}${what.slice(1)} to save does not match the phase's schema, so nothing was written:\n${details}\nFix the value before saving.`,
    );
  }
}
