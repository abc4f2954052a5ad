/**
 * zod compiles object parsers with `new Function` when it may, and tries once to find out. The
 * host page's Content-Security-Policy allows no eval, so that try would be reported as a violation
 * on every page: zod is told to interpret instead, for the host and every phase (they share its
 * one instance). Imported first by `bootstrap.tsx`, before anything parses.
 */
import { z } from 'zod';

z.config({ jitless: true });
