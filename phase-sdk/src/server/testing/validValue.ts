/**
 * Plausible valid values for a JSON Schema (the one zod emits for a route's params, query or
 * body), as fast-check arbitraries, and the places inside such values where text or any value can
 * stand: what `badRequests` starts from before it breaks one thing.
 */
import fc from 'fast-check';
import { z } from 'zod';

/** The part of JSON Schema that zod emits and the generator reads. */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema | JsonSchema[];
  prefixItems?: JsonSchema[];
  additionalProperties?: boolean | JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
}

/** Where a value stands inside another: property names and array indexes. */
export type Path = (string | number)[];

/** Values that exist on the server under test by field name, and URLs for URL fields. */
export interface ValueOptions {
  known: Readonly<Record<string, readonly unknown[]>>;
  urls: readonly string[];
}

/** JSON Schema of a route's schema part (zod or JSON Schema already); `undefined` when none. */
export function jsonSchemaOf(schema: unknown): JsonSchema | undefined {
  if (schema === undefined || schema === null) return undefined;
  if (schema instanceof z.ZodType)
    return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  return schema as JsonSchema;
}

const typeOf = (s: JsonSchema) => (Array.isArray(s.type) ? s.type[0] : s.type);
const INT_MIN = -(2 ** 31);
const INT_MAX = 2 ** 31 - 1;
const clamp = (n: number) => Math.min(INT_MAX, Math.max(INT_MIN, n));

function numberArbitrary(s: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const min = clamp(s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : -5));
  const max = Math.max(
    min,
    clamp(s.maximum ?? (s.exclusiveMaximum !== undefined ? s.exclusiveMaximum - 1 : min + 1000)),
  );
  const bounded = { min, max: Math.min(max, min + 10_000) };
  return integer
    ? fc.integer(bounded)
    : fc.double({ ...bounded, noNaN: true, noDefaultInfinity: true });
}

function stringArbitrary(s: JsonSchema, urls: readonly string[]): fc.Arbitrary<string> {
  const minLength = s.minLength ?? 0;
  const maxLength = s.maxLength ?? Number.POSITIVE_INFINITY;
  const fits = (text: string) => text.length >= minLength && text.length <= maxLength;
  switch (s.format) {
    case 'uuid':
      return fc.uuid({ version: 4 });
    case 'email':
      return fc.stringMatching(/^[a-z][a-z0-9]{0,7}@coursekit\.test$/);
    case 'uri':
    case 'url':
      return fc.constantFrom(...urls);
    case 'date-time':
      return fc
        .date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
        .map((date) => date.toISOString());
    case 'date':
      return fc
        .date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
        .map((date) => date.toISOString().slice(0, 10));
  }
  if (s.pattern) {
    try {
      return fc.stringMatching(new RegExp(s.pattern)).filter(fits);
    } catch {
      // A pattern fast-check cannot generate from: plain text, which the server may refuse.
    }
  }
  return fc.string({ minLength, maxLength: Math.max(minLength, Math.min(maxLength, 24)) });
}

/** A plausible valid value of `s` (preferring known values for a field named `key`). */
export function validValue(
  s: JsonSchema,
  key: string | undefined,
  options: ValueOptions,
  depth = 0,
): fc.Arbitrary<unknown> {
  const known = key === undefined ? undefined : options.known[key];
  if (known?.length) return fc.constantFrom(...known);
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum?.length) return fc.constantFrom(...s.enum);
  const branches = s.anyOf ?? s.oneOf;
  if (branches?.length)
    return fc.oneof(...branches.map((branch) => validValue(branch, key, options, depth + 1)));
  if (s.allOf?.length) return validValue(Object.assign({}, ...s.allOf), key, options, depth);
  if (depth > 8) return fc.constant(null);
  switch (typeOf(s)) {
    case 'string':
      return stringArbitrary(s, options.urls);
    case 'integer':
      return numberArbitrary(s, true);
    case 'number':
      return numberArbitrary(s, false);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      if (s.prefixItems)
        return fc.tuple(...s.prefixItems.map((item) => validValue(item, key, options, depth + 1)));
      const items = Array.isArray(s.items) ? s.items[0] : s.items;
      const minLength = s.minItems ?? 0;
      return fc.array(validValue(items ?? {}, key, options, depth + 1), {
        minLength,
        maxLength: Math.max(minLength, Math.min(s.maxItems ?? 3, minLength + 3)),
      });
    }
    case 'object': {
      const properties = s.properties ?? {};
      const required = new Set(s.required ?? []);
      const fields = Object.fromEntries(
        Object.entries(properties).map(([name, p]) => [
          name,
          validValue(p, name, options, depth + 1),
        ]),
      );
      const record = fc.record(fields, {
        requiredKeys: Object.keys(properties).filter((name) => required.has(name)),
      });
      if (typeof s.additionalProperties !== 'object') return record;
      const extra = fc.dictionary(
        fc.string({ minLength: 1, maxLength: 8 }),
        validValue(s.additionalProperties, undefined, options, depth + 1),
        { maxKeys: 3 },
      );
      return fc.tuple(record, extra).map(([fixed, more]) => ({ ...more, ...fixed }));
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** Every place in values of `s` where a string may stand (a record's values under the key `k`). */
export function textPaths(s: JsonSchema | undefined, depth = 0): Path[] {
  if (!s || depth > 8) return [];
  const branches = [...(s.anyOf ?? []), ...(s.oneOf ?? []), ...(s.allOf ?? [])];
  const paths: Path[] = branches.flatMap((branch) => textPaths(branch, depth + 1));
  const types = Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
  if (s.enum || s.const !== undefined) return paths;
  if (types.includes('string') || (types.length === 0 && branches.length === 0)) paths.push([]);
  for (const [name, p] of Object.entries(s.properties ?? {}))
    for (const path of textPaths(p, depth + 1)) paths.push([name, ...path]);
  if (typeof s.additionalProperties === 'object')
    for (const path of textPaths(s.additionalProperties, depth + 1)) paths.push(['k', ...path]);
  const items = Array.isArray(s.items) ? s.items : s.items ? [s.items] : (s.prefixItems ?? []);
  for (const [index, item] of items.entries())
    for (const path of textPaths(item, depth + 1)) paths.push([index, ...path]);
  const seen = new Set<string>();
  return paths.filter((path) => {
    const id = JSON.stringify(path);
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

/** Every place in values of `s` (the value itself, each property, the first item). */
export function allPaths(s: JsonSchema | undefined, depth = 0): Path[] {
  if (!s || depth > 6) return [[]];
  const paths: Path[] = [[]];
  for (const branch of [...(s.anyOf ?? []), ...(s.oneOf ?? [])])
    paths.push(...allPaths(branch, depth + 1).filter((path) => path.length > 0));
  for (const [name, p] of Object.entries(s.properties ?? {}))
    for (const path of allPaths(p, depth + 1)) paths.push([name, ...path]);
  const items = Array.isArray(s.items) ? s.items[0] : s.items;
  if (items) for (const path of allPaths(items, depth + 1)) paths.push([0, ...path]);
  return paths;
}

/** `value` with `replacement` at `path` (containers created as needed). */
export function setAt(value: unknown, path: Path, replacement: unknown): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return replacement;
  if (typeof head === 'number') {
    const array = Array.isArray(value) ? [...value] : [];
    array[head] = setAt(array[head], rest, replacement);
    return array;
  }
  const object =
    value !== null && typeof value === 'object' && !Array.isArray(value)
      ? { ...(value as Record<string, unknown>) }
      : {};
  Object.defineProperty(object, head, {
    value: setAt(object[head], rest, replacement),
    enumerable: true,
    configurable: true,
    writable: true,
  });
  return object;
}
