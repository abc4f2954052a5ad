/** Liveness and readiness answers. */
import { z } from 'zod';
import { storableText } from './storable.js';

export const Health = z.object({
  status: z.enum(['ok', 'unavailable']),
  checks: z.record(storableText(), z.enum(['ok', 'failing'])).optional(),
});
export type Health = z.infer<typeof Health>;
