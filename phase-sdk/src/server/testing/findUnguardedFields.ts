/**
 * A contract audit for tests: walks zod schemas and names every text field that is not built from
 * `storableText()` (or a zod format whose pattern admits only ASCII, such as `z.uuid()`), every
 * JSON value that is not `storableJson()`, and every recursive or unchecked (`z.unknown()`) part.
 * Run it over every schema a package exports so that a field added tomorrow cannot skip the checks
 * that keep NUL characters, lone surrogates and deep nesting away from PostgreSQL.
 */
import type { z } from 'zod';
import { storableJsonCheck, storableTextCheck } from '../../contract/storable.js';

/** Zod string formats whose own pattern refuses every character PostgreSQL cannot store. */
const ASCII_FORMATS = new Set(['uuid', 'guid', 'datetime', 'date', 'time']);

/** Types without text inside: nothing to check. */
const LEAVES = new Set([
  'number',
  'int',
  'boolean',
  'bigint',
  'null',
  'undefined',
  'void',
  'never',
  'literal',
  'enum',
  'date',
  'nan',
  'success',
]);

/** The inner schema of a wrapper type. */
const WRAPPERS = new Set([
  'optional',
  'nullable',
  'default',
  'prefault',
  'catch',
  'readonly',
  'nonoptional',
]);

type Def = Record<string, unknown> & { type: string; checks?: unknown[] };

const defOf = (schema: unknown): Def => (schema as { _zod: { def: Def } })._zod.def;

/**
 * Paths (`ExportName.field.sub`) of the fields that miss the storable checks; empty when all pass.
 *
 * @example
 * expect(findUnguardedFields({ ...contractExports })).toEqual([]);
 */
export function findUnguardedFields(schemas: Record<string, unknown>): string[] {
  const found: string[] = [];
  const seen = new Set<unknown>();
  const walk = (schema: unknown, path: string): void => {
    if (seen.has(schema)) return;
    seen.add(schema);
    const def = defOf(schema);
    const checks = def.checks ?? [];
    if (LEAVES.has(def.type) || def.type === 'transform') return;
    if (WRAPPERS.has(def.type)) {
      walk(def.innerType, path);
      return;
    }
    switch (def.type) {
      case 'string':
        if (!checks.includes(storableTextCheck) && !ASCII_FORMATS.has(String(def.format))) {
          found.push(`${path} (text without storableText())`);
        }
        return;
      case 'custom':
        if (!checks.includes(storableJsonCheck)) found.push(`${path} (custom type)`);
        return;
      case 'object':
        for (const [key, child] of Object.entries(def.shape as Record<string, unknown>)) {
          walk(child, `${path}.${key}`);
        }
        if (def.catchall) walk(def.catchall, `${path}.*`);
        return;
      case 'array':
        walk(def.element, `${path}[]`);
        return;
      case 'record':
        walk(def.keyType, `${path}{key}`);
        walk(def.valueType, `${path}{}`);
        return;
      case 'union':
        (def.options as unknown[]).forEach((option, index) => {
          walk(option, `${path}|${index}`);
        });
        return;
      case 'intersection':
        walk(def.left, path);
        walk(def.right, path);
        return;
      case 'pipe':
        walk(def.in, path);
        walk(def.out, path);
        return;
      case 'tuple':
        (def.items as unknown[]).forEach((item, index) => {
          walk(item, `${path}[${index}]`);
        });
        if (def.rest) walk(def.rest, `${path}[]`);
        return;
      case 'lazy':
        found.push(`${path} (recursive: use storableJson() for JSON values)`);
        return;
      default:
        found.push(`${path} (unchecked ${def.type})`);
    }
  };
  // Route contracts (`defineRoute`) and other plain objects hold schemas one or two levels down.
  const collect = (value: unknown, name: string, depth: number): void => {
    if (isZodSchema(value)) {
      walk(value, name);
      return;
    }
    if (depth < 3 && typeof value === 'object' && value !== null && !Array.isArray(value)) {
      for (const [key, child] of Object.entries(value)) collect(child, `${name}.${key}`, depth + 1);
    }
  };
  for (const [name, value] of Object.entries(schemas)) collect(value, name, 0);
  return found;
}

/** A schema, not a check (`storableTextCheck` also has `_zod`, but no type). */
function isZodSchema(value: unknown): value is z.ZodType {
  return (
    typeof value === 'object' &&
    value !== null &&
    '_zod' in value &&
    typeof defOf(value).type === 'string'
  );
}
