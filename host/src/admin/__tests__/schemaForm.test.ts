/** The form generated from a phase's JSON Schema: its fields, their values, and the config back. */
import { describe, expect, it } from 'vitest';
import { configFrom, fieldsOf, initialValues } from '../composition/schemaForm';

const SCHEMA = {
  type: 'object',
  required: ['mode'],
  properties: {
    steps: { type: 'array', title: 'Checklist steps', items: { type: 'string', maxLength: 200 } },
    mode: { type: 'string', enum: ['strict', 'relaxed'], default: 'relaxed' },
    teamSize: { type: 'integer', minimum: 2, maximum: 8 },
    anonymous: { type: 'boolean' },
    weights: { type: 'object' },
  },
};

describe('schemaForm', () => {
  it('turns each supported property into a field, and the rest into JSON', () => {
    expect(fieldsOf(SCHEMA)?.map((f) => [f.key, f.kind, f.label, f.required])).toEqual([
      ['steps', 'textList', 'Checklist steps', false],
      ['mode', 'text', 'mode', true],
      ['teamSize', 'number', 'teamSize', false],
      ['anonymous', 'boolean', 'anonymous', false],
      ['weights', 'json', 'weights', false],
    ]);
    expect(fieldsOf({ type: 'array' })).toBeNull();
    expect(fieldsOf(null)).toBeNull();
  });

  it('fills fields from the config, or the schema default', () => {
    const fields = fieldsOf(SCHEMA) ?? [];
    expect(initialValues(fields, SCHEMA, { steps: ['Read'], teamSize: 4 })).toEqual({
      steps: ['Read'],
      mode: 'relaxed',
      teamSize: '4',
      anonymous: false,
      weights: '',
    });
  });

  it('makes the config back, keeping settings the form does not show', () => {
    const fields = fieldsOf(SCHEMA) ?? [];
    const result = configFrom(
      fields,
      { steps: ['Read', ''], mode: 'strict', teamSize: '3', anonymous: true, weights: '{"a":1}' },
      { hidden: 'kept' },
    );
    expect(result).toEqual({
      config: {
        hidden: 'kept',
        steps: ['Read', ''],
        mode: 'strict',
        teamSize: 3,
        anonymous: true,
        weights: { a: 1 },
      },
    });
  });

  it('refuses text it cannot read, and a missing required value, before any request', () => {
    const fields = fieldsOf(SCHEMA) ?? [];
    expect(
      configFrom(
        fields,
        { steps: [], mode: '', teamSize: 'four', anonymous: false, weights: '{' },
        {},
      ),
    ).toEqual({
      errors: { mode: 'is required', teamSize: 'must be a number', weights: 'must be JSON' },
    });
  });
});
