/**
 * Validates a course phase's configuration against the JSON Schema its phase version declares in
 * `phase.json` (`configSchema`), with Ajv (draft 2020-12). Compiled validators are cached per
 * schema text; versions are immutable, so the cache only grows with new versions.
 */
import type { FieldError, JsonSchema } from '@coursekit/phase-sdk/contract';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';

const ajv = new Ajv2020({ allErrors: true, strict: false });
const compiled = new Map<string, ValidateFunction>();

function compile(schema: JsonSchema): ValidateFunction {
  const key = JSON.stringify(schema);
  let validate = compiled.get(key);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(key, validate);
    if (compiled.size > 500) compiled.delete(compiled.keys().next().value as string);
  }
  return validate;
}

/** Why `schema` is no usable JSON Schema, or `null` when it compiles. */
export function schemaProblem(schema: JsonSchema): string | null {
  try {
    compile(schema);
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

/** The field errors of `config` under `schema` (paths start at `prefix`); empty when valid. */
export function configErrors(schema: JsonSchema, config: unknown, prefix: string): FieldError[] {
  const validate = compile(schema);
  if (validate(config)) return [];
  return (validate.errors ?? []).map((error) => {
    const segments = error.instancePath.split('/').filter(Boolean);
    if (error.keyword === 'required') segments.push(String(error.params.missingProperty));
    if (error.keyword === 'additionalProperties')
      segments.push(String(error.params.additionalProperty));
    return {
      path: [prefix, ...segments].join('.'),
      message:
        error.keyword === 'additionalProperties'
          ? 'is not a setting of this phase'
          : (error.message ?? 'is invalid'),
    };
  });
}
