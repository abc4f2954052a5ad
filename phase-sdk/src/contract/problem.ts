/**
 * Errors on the wire: every non-2xx answer of the registry (and of phase servers built from the
 * template) is an RFC 9457 `application/problem+json` body of this shape. `code` is the stable,
 * machine-readable `CK_...` identifier; `errors` names the offending fields.
 */
import { z } from 'zod';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export const FieldError = z.object({
  /** Dotted path of the offending field, e.g. `body.email` or `query.limit`. */
  path: z.string(),
  message: z.string(),
});
export type FieldError = z.infer<typeof FieldError>;

export const Problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int().min(400).max(599),
  detail: z.string().optional(),
  code: z.string(),
  instance: z.string().optional(),
  errors: z.array(FieldError).optional(),
});
export type Problem = z.infer<typeof Problem>;
