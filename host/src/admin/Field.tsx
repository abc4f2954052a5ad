/**
 * A labelled form control with its error: the error is announced with the field (aria-invalid,
 * aria-describedby), so a refused form says which field to fix and how.
 */
import { cloneElement, type ReactElement, useId } from 'react';

export function Field({
  label,
  error,
  hint,
  children,
}: {
  label: string;
  error?: string;
  hint?: string;
  children: ReactElement<Record<string, unknown>>;
}) {
  const id = useId();
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ');
  return (
    <div className="ck-field">
      <label htmlFor={id}>{label}</label>
      {cloneElement(children, {
        id,
        'aria-invalid': error ? true : undefined,
        'aria-describedby': describedBy || undefined,
      })}
      {hint ? (
        <span id={hintId} className="ck-muted ck-field-hint">
          {hint}
        </span>
      ) : null}
      {error ? (
        <span id={errorId} className="ck-field-error">
          {error}
        </span>
      ) : null}
    </div>
  );
}
