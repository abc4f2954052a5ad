/**
 * What PostgreSQL can store, as zod schemas: every text field and JSON document of the contract is
 * built from `storableText()` and `storableJson()`. PostgreSQL refuses NUL characters in `text` and
 * `jsonb`, and lone UTF-16 surrogates in `jsonb`; without these checks such input reaches the
 * database and ends as a 500. JSON is also bounded in depth (`MAX_JSON_DEPTH`), checked without
 * recursion, so that a document nested thousands of levels deep is a 400, not a stack overflow in
 * whatever walks it next (zod, `JSON.stringify`, the driver).
 */
import { z } from 'zod';

/** Deepest nesting of arrays and objects a JSON document or config may have. */
export const MAX_JSON_DEPTH = 64;

/** Any JSON value; what `storableJson()` accepts. */
export type JsonValue =
  | string
  | number
  | boolean
  | null
  | JsonValue[]
  | { [key: string]: JsonValue };

/** A NUL, a high surrogate not followed by a low one, or a low one not preceded by a high one. */
const UNSTORABLE_CHARACTER =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is exactly what this looks for.
  /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Why `text` cannot be stored, or `null` when it can. */
export function unstorableTextReason(text: string): string | null {
  const match = UNSTORABLE_CHARACTER.exec(text);
  if (!match) return null;
  const where = `at character ${match.index + 1}`;
  return match[0] === '\u0000'
    ? `contains a NUL character (\\u0000) ${where}; remove it`
    : `contains a lone UTF-16 surrogate (\\u${match[0].charCodeAt(0).toString(16)}) ${where}; send well-formed Unicode`;
}

/** The first reason a JSON value cannot be stored, with its path, or `null` when it can. */
export interface UnstorableJson {
  path: (string | number)[];
  message: string;
}

/**
 * Check a parsed JSON value iteratively (an explicit stack, so any depth is safe): only JSON types,
 * finite numbers, storable strings and keys, and at most `maxDepth` levels of arrays and objects.
 *
 * @example
 * findUnstorableJson({ a: ['x\u0000'] }) // { path: ['a', 0], message: 'contains a NUL character …' }
 */
export function findUnstorableJson(
  value: unknown,
  maxDepth: number = MAX_JSON_DEPTH,
): UnstorableJson | null {
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value, path: [] }];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const { value: current, path } = item;
    if (current === null || typeof current === 'boolean') continue;
    if (typeof current === 'number') {
      if (!Number.isFinite(current)) return { path, message: 'must be a finite number' };
      continue;
    }
    if (typeof current === 'string') {
      const reason = unstorableTextReason(current);
      if (reason) return { path, message: reason };
      continue;
    }
    if (typeof current !== 'object' || !isPlainContainer(current)) {
      return {
        path,
        message: 'must be a JSON value (null, boolean, number, string, array, object)',
      };
    }
    if (path.length >= maxDepth) {
      return {
        path,
        message: `is nested deeper than ${maxDepth} levels of arrays and objects; flatten the document`,
      };
    }
    if (Array.isArray(current)) {
      for (let index = current.length - 1; index >= 0; index--) {
        stack.push({ value: current[index], path: [...path, index] });
      }
      continue;
    }
    for (const [key, child] of Object.entries(current).reverse()) {
      const reason = unstorableTextReason(key);
      if (reason) return { path: [...path, key], message: `has a key that ${reason}` };
      stack.push({ value: child, path: [...path, key] });
    }
  }
  return null;
}

function isPlainContainer(value: object): boolean {
  if (Array.isArray(value)) return true;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/**
 * A string PostgreSQL can store: no NUL, no lone surrogate. Chain the usual string checks on it.
 *
 * @example
 * const Title = storableText().trim().min(1).max(100);
 */
export function storableText() {
  return z.string().check(storableTextCheck);
}

/** The check behind `storableText()`, for string formats built otherwise (`z.url()`). */
export const storableTextCheck = z.superRefine<string>((text, ctx) => {
  const reason = unstorableTextReason(text);
  if (reason) ctx.addIssue({ code: 'custom', message: reason });
});

/** Longest URL the API accepts from a client (what browsers and proxies reliably carry). */
export const MAX_URL_LENGTH = 2048;

/**
 * An absolute http(s) URL a client gives the registry (which may fetch it, store it and quote it
 * in answers): storable and at most `MAX_URL_LENGTH` characters.
 *
 * @example
 * const Body = z.object({ descriptorUrl: httpUrl() });
 */
export function httpUrl() {
  return z
    .url({ protocol: /^https?$/ })
    .max(MAX_URL_LENGTH)
    .check(storableTextCheck);
}

/** The check behind `storableJson()`. */
export const storableJsonCheck = z.superRefine<unknown>((value, ctx) => {
  const found = findUnstorableJson(value);
  if (found) ctx.addIssue({ code: 'custom', message: found.message, path: found.path });
});

const JSON_DESCRIPTION = `Any JSON value nested at most ${MAX_JSON_DEPTH} levels deep, without NUL characters or lone surrogates in its strings and keys.`;

/**
 * Any JSON value that PostgreSQL can store in `jsonb`, nested at most `MAX_JSON_DEPTH` deep. The
 * whole value is checked in one iterative pass; the offending member is named in the issue's path.
 * In OpenAPI it is an unconstrained schema (JSON is recursive; the description states the limits).
 *
 * @example
 * const Settings = z.object({ theme: storableJson() });
 */
export function storableJson() {
  return z.custom<JsonValue>().check(storableJsonCheck).meta({ description: JSON_DESCRIPTION });
}
