/** Add a phase from the catalogue at the end of the course (shown to students at once if usable). */
import type { Catalogue } from '@coursekit/phase-sdk/contract';
import { type FormEvent, useState } from 'react';
import { Field } from '../Field';

export function AddPhaseForm({
  catalogue,
  busy,
  errors,
  onAdd,
}: {
  catalogue: Catalogue;
  busy: boolean;
  errors: Record<string, string>;
  onAdd: (phase: { phase: string; title: string; enabled: boolean }) => void;
}) {
  const [phase, setPhase] = useState('');
  const [title, setTitle] = useState('');
  const chosen = catalogue.find((type) => type.name === phase);
  const usable = chosen?.latestVersion != null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!chosen) return;
    onAdd({ phase: chosen.name, title: title.trim() || chosen.title, enabled: usable });
  };
  return (
    <form className="ck-form ck-admin-form ck-inline-form" onSubmit={submit} noValidate>
      <h2>Add a phase</h2>
      <Field label="Phase type" error={errors.phase}>
        <select value={phase} onChange={(e) => setPhase(e.target.value)} required>
          <option value="">Choose a phase type…</option>
          {catalogue.map((type) => (
            <option key={type.name} value={type.name}>
              {`${type.title} (${type.name})${type.latestVersion ? '' : ' — no usable version'}`}
            </option>
          ))}
        </select>
      </Field>
      <Field
        label="Title in the course"
        hint={chosen ? `Default: ${chosen.title}` : undefined}
        error={errors.title}
      >
        <input value={title} onChange={(e) => setTitle(e.target.value)} />
      </Field>
      {chosen && !usable ? (
        <p className="ck-warning">
          This phase type has no usable version yet: it will be added hidden from students.
        </p>
      ) : null}
      <button type="submit" disabled={busy || !chosen}>
        Add phase
      </button>
    </form>
  );
}
