/**
 * The subset of JSON Schema the console turns into a form: an object whose properties are
 * strings (with `enum` → a choice), numbers and integers, booleans, and lists of strings; any
 * other property is edited as JSON. Plain functions: what fields a schema gives, the values a
 * configuration puts in them, and the configuration the filled form makes. The registry validates
 * the result against the full schema (Ajv) and its field errors come back to these fields.
 */
import type { JsonSchema, PhaseConfig } from '@coursekit/phase-sdk/contract';

interface Common {
  key: string;
  label: string;
  description?: string;
  required: boolean;
}

export type FieldSpec =
  | (Common & { kind: 'text'; minLength?: number; maxLength?: number; choices?: string[] })
  | (Common & { kind: 'number'; integer: boolean; minimum?: number; maximum?: number })
  | (Common & { kind: 'boolean' })
  | (Common & { kind: 'textList'; maxItems?: number; maxLength?: number })
  | (Common & { kind: 'json' });

/** A field's value while editing: text for text, numbers and JSON; booleans; lists of text. */
export type FieldValue = string | boolean | string[];

const record = (value: unknown): Record<string, unknown> =>
  value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
const num = (value: unknown) => (typeof value === 'number' ? value : undefined);
const str = (value: unknown) => (typeof value === 'string' ? value : undefined);

/** The fields of `schema`, or `null` when it is no object schema with properties. */
export function fieldsOf(schema: JsonSchema | null | undefined): FieldSpec[] | null {
  if (schema?.type !== 'object') return null;
  const properties = record(schema.properties);
  const required = new Set(Array.isArray(schema.required) ? schema.required.map(String) : []);
  return Object.entries(properties).map(([key, raw]): FieldSpec => {
    const property = record(raw);
    const common: Common = {
      key,
      label: str(property.title) ?? key,
      description: str(property.description),
      required: required.has(key),
    };
    const items = record(property.items);
    switch (property.type) {
      case 'string':
        return {
          ...common,
          kind: 'text',
          minLength: num(property.minLength),
          maxLength: num(property.maxLength),
          choices: Array.isArray(property.enum) ? property.enum.map(String) : undefined,
        };
      case 'number':
      case 'integer':
        return {
          ...common,
          kind: 'number',
          integer: property.type === 'integer',
          minimum: num(property.minimum),
          maximum: num(property.maximum),
        };
      case 'boolean':
        return { ...common, kind: 'boolean' };
      case 'array':
        if (items.type === 'string')
          return {
            ...common,
            kind: 'textList',
            maxItems: num(property.maxItems),
            maxLength: num(items.maxLength),
          };
        return { ...common, kind: 'json' };
      default:
        return { ...common, kind: 'json' };
    }
  });
}

/** The editing value of each field, from the configuration (or the schema's default). */
export function initialValues(
  fields: FieldSpec[],
  schema: JsonSchema,
  config: PhaseConfig,
): Record<string, FieldValue> {
  const properties = record(schema.properties);
  const values: Record<string, FieldValue> = {};
  for (const field of fields) {
    const value = field.key in config ? config[field.key] : record(properties[field.key]).default;
    switch (field.kind) {
      case 'boolean':
        values[field.key] = value === true;
        break;
      case 'textList':
        values[field.key] = Array.isArray(value)
          ? value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v)))
          : [];
        break;
      case 'json':
        values[field.key] = value === undefined ? '' : JSON.stringify(value, null, 2);
        break;
      default:
        values[field.key] = value === undefined || value === null ? '' : String(value);
    }
  }
  return values;
}

/**
 * The configuration the form makes, or the fields whose text cannot even be read (a number
 * that is no number, JSON that is no JSON): those are refused here, everything else by the
 * registry's validation of the schema.
 */
export function configFrom(
  fields: FieldSpec[],
  values: Record<string, FieldValue>,
  previous: PhaseConfig,
): { config: PhaseConfig } | { errors: Record<string, string> } {
  const known = new Set(fields.map((f) => f.key));
  // Settings the form does not show are kept as they are.
  const config: PhaseConfig = Object.fromEntries(
    Object.entries(previous).filter(([key]) => !known.has(key)),
  );
  const errors: Record<string, string> = {};
  for (const field of fields) {
    const value = values[field.key];
    if (field.kind === 'boolean') {
      config[field.key] = value === true;
    } else if (field.kind === 'textList') {
      config[field.key] = Array.isArray(value) ? value : [];
    } else if (typeof value === 'string') {
      if (value.trim() === '') {
        if (field.required) errors[field.key] = 'is required';
        continue;
      }
      if (field.kind === 'number') {
        const parsed = Number(value);
        if (!Number.isFinite(parsed)) errors[field.key] = 'must be a number';
        else config[field.key] = parsed;
      } else if (field.kind === 'json') {
        try {
          config[field.key] = JSON.parse(value);
        } catch {
          errors[field.key] = 'must be JSON';
        }
      } else {
        config[field.key] = value;
      }
    }
  }
  return Object.keys(errors).length > 0 ? { errors } : { config };
}
