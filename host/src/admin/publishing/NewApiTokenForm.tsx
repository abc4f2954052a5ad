/** Create an API token; its secret is shown once, to copy into the CI's secret store. */
import { MAX_API_TOKEN_DAYS } from '@coursekit/phase-sdk/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ErrorAlert } from '../../app/ErrorAlert';
import { adminKeys, useAdminApi } from '../adminQueries';
import { Field } from '../Field';
import { fieldErrors } from '../fieldErrors';

export function NewApiTokenForm() {
  const api = useAdminApi();
  const queryClient = useQueryClient();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [phase, setPhase] = useState('');
  const [days, setDays] = useState('90');
  const create = useMutation({
    mutationFn: () =>
      api.createApiToken({
        email: email.trim(),
        name: name.trim(),
        phase: phase.trim() || null,
        expiresInDays: Number(days),
      }),
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: adminKeys.apiTokens }),
        queryClient.invalidateQueries({ queryKey: adminKeys.audit }),
      ]),
  });
  const errors = fieldErrors(create.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  return (
    <form className="ck-form ck-admin-form ck-inline-form" onSubmit={submit} noValidate>
      <h3>New API token</h3>
      <Field label="For (email)" error={errors.email}>
        <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} required />
      </Field>
      <Field label="Name" error={errors.name} hint="what it is for, e.g. peer-review CI">
        <input value={name} onChange={(e) => setName(e.target.value)} required />
      </Field>
      <Field label="Phase" error={errors.phase} hint="empty: every phase (administrators only)">
        <input value={phase} onChange={(e) => setPhase(e.target.value)} />
      </Field>
      <Field label="Valid for (days)" error={errors.expiresInDays}>
        <input
          type="number"
          min={1}
          max={MAX_API_TOKEN_DAYS}
          value={days}
          onChange={(e) => setDays(e.target.value)}
        />
      </Field>
      <button type="submit" disabled={create.isPending}>
        {create.isPending ? 'Creating…' : 'Create token'}
      </button>
      <ErrorAlert error={Object.keys(errors).length === 0 && create.error} />
      {create.isSuccess ? (
        <div role="status" className="ck-success">
          <p>{`Token "${create.data.apiToken.name}" created. Copy it now: it is not shown again.`}</p>
          <output aria-label="New API token" className="ck-break">
            <code>{create.data.token}</code>
          </output>
        </div>
      ) : null}
    </form>
  );
}
