/**
 * A course phase's settings as a form generated from the JSON Schema its version declares
 * (`schemaForm.ts`). The registry validates on save; its field errors (`config.steps.1`) are
 * shown at their fields, list items included.
 */
import type { JsonSchema, PhaseConfig } from '@coursekit/phase-sdk/contract';
import { type FormEvent, useId, useMemo, useState } from 'react';
import { Field } from '../Field';
import { configFrom, type FieldSpec, type FieldValue, fieldsOf, initialValues } from './schemaForm';

export function ConfigForm({
  phaseTitle,
  schema,
  config,
  errors,
  saving,
  onSave,
}: {
  phaseTitle: string;
  schema: JsonSchema | null;
  config: PhaseConfig;
  /** Field errors of the last save, keyed `config.<field>[.<index>]`. */
  errors: Record<string, string>;
  saving: boolean;
  onSave: (config: PhaseConfig) => void;
}) {
  const fields = useMemo(() => fieldsOf(schema), [schema]);
  const [values, setValues] = useState(() =>
    fields && schema ? initialValues(fields, schema, config) : {},
  );
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  if (!fields || !schema) {
    return <p className="ck-muted">This phase declares no settings.</p>;
  }
  if (fields.length === 0) return <p className="ck-muted">This phase has no settings.</p>;
  const errorOf = (key: string) => localErrors[key] ?? errors[`config.${key}`];
  const set = (key: string, value: FieldValue) => setValues({ ...values, [key]: value });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const result = configFrom(fields, values, config);
    if ('errors' in result) {
      setLocalErrors(result.errors);
      return;
    }
    setLocalErrors({});
    onSave(result.config);
  };
  return (
    <form
      className="ck-form ck-config-form"
      onSubmit={submit}
      aria-label={`Settings of ${phaseTitle}`}
    >
      {fields.map((field) => (
        <SettingField
          key={field.key}
          field={field}
          value={values[field.key] ?? ''}
          error={errorOf(field.key)}
          itemError={(index) => errors[`config.${field.key}.${index}`]}
          onChange={(value) => set(field.key, value)}
        />
      ))}
      <button type="submit" disabled={saving}>
        {saving ? 'Saving…' : 'Save settings'}
      </button>
    </form>
  );
}

function SettingField({
  field,
  value,
  error,
  itemError,
  onChange,
}: {
  field: FieldSpec;
  value: FieldValue;
  error?: string;
  itemError: (index: number) => string | undefined;
  onChange: (value: FieldValue) => void;
}) {
  const text = typeof value === 'string' ? value : '';
  switch (field.kind) {
    case 'boolean':
      return (
        <div className="ck-field ck-checkbox">
          <label>
            <input
              type="checkbox"
              checked={value === true}
              onChange={(e) => onChange(e.target.checked)}
            />{' '}
            {field.label}
          </label>
          {error ? <span className="ck-field-error">{error}</span> : null}
        </div>
      );
    case 'textList':
      return (
        <TextListField
          field={field}
          items={Array.isArray(value) ? value : []}
          error={error}
          itemError={itemError}
          onChange={onChange}
        />
      );
    case 'number':
      return (
        <Field label={field.label} hint={field.description} error={error}>
          <input
            type="number"
            value={text}
            step={field.integer ? 1 : 'any'}
            min={field.minimum}
            max={field.maximum}
            required={field.required}
            onChange={(e) => onChange(e.target.value)}
          />
        </Field>
      );
    case 'json':
      return (
        <Field label={field.label} hint={field.description ?? 'JSON'} error={error}>
          <textarea value={text} rows={4} onChange={(e) => onChange(e.target.value)} />
        </Field>
      );
    default:
      return (
        <Field label={field.label} hint={field.description} error={error}>
          {field.choices ? (
            <select
              value={text}
              onChange={(e) => onChange(e.target.value)}
              required={field.required}
            >
              {field.required ? null : <option value="">(not set)</option>}
              {field.choices.map((choice) => (
                <option key={choice} value={choice}>
                  {choice}
                </option>
              ))}
            </select>
          ) : (
            <input
              value={text}
              maxLength={field.maxLength}
              required={field.required}
              onChange={(e) => onChange(e.target.value)}
            />
          )}
        </Field>
      );
  }
}

function TextListField({
  field,
  items,
  error,
  itemError,
  onChange,
}: {
  field: Extract<FieldSpec, { kind: 'textList' }>;
  items: string[];
  error?: string;
  itemError: (index: number) => string | undefined;
  onChange: (value: string[]) => void;
}) {
  const legendId = useId();
  const full = field.maxItems !== undefined && items.length >= field.maxItems;
  return (
    <fieldset
      className="ck-field ck-list-field"
      aria-describedby={error ? `${legendId}-error` : undefined}
    >
      <legend id={legendId}>{field.label}</legend>
      {field.description ? <p className="ck-muted">{field.description}</p> : null}
      <ol>
        {items.map((item, index) => (
          // Items have no identity of their own; their position is what the schema validates.
          // biome-ignore lint/suspicious/noArrayIndexKey: see above
          <li key={index}>
            <Field label={`${field.label} ${index + 1}`} error={itemError(index)}>
              <input
                value={item}
                maxLength={field.maxLength}
                onChange={(e) =>
                  onChange(items.map((old, i) => (i === index ? e.target.value : old)))
                }
              />
            </Field>
            <button
              type="button"
              className="ck-secondary"
              onClick={() => onChange(items.filter((_, i) => i !== index))}
            >
              {`Remove ${field.label} ${index + 1}`}
            </button>
          </li>
        ))}
      </ol>
      <button
        type="button"
        className="ck-secondary"
        disabled={full}
        onClick={() => onChange([...items, ''])}
      >
        {`Add to ${field.label}`}
      </button>
      {error ? (
        <span id={`${legendId}-error`} className="ck-field-error">
          {error}
        </span>
      ) : null}
    </fieldset>
  );
}
