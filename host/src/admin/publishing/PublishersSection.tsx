/** Phase publishers: grant a user the right to publish one phase, list and revoke grants. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ErrorAlert } from '../../app/ErrorAlert';
import { ErrorState } from '../../app/ErrorState';
import { LoadingState } from '../../app/LoadingState';
import { adminKeys, useAdminApi } from '../adminQueries';
import { Field } from '../Field';
import { fieldErrors } from '../fieldErrors';

export function PublishersSection() {
  const api = useAdminApi();
  const queryClient = useQueryClient();
  const publishers = useQuery({ queryKey: adminKeys.publishers, queryFn: () => api.publishers() });
  const [phase, setPhase] = useState('');
  const [email, setEmail] = useState('');
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: adminKeys.publishers }),
      queryClient.invalidateQueries({ queryKey: adminKeys.audit }),
    ]);
  const grant = useMutation({
    mutationFn: () => api.grantPublisher({ phase: phase.trim(), email: email.trim() }),
    onSuccess: () => setEmail(''),
    onSettled: refresh,
  });
  const revoke = useMutation({
    mutationFn: (p: { phase: string; userId: string }) => api.revokePublisher(p.phase, p.userId),
    onSettled: refresh,
  });
  const errors = fieldErrors(grant.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    grant.mutate();
  };
  return (
    <section aria-labelledby="ck-publishers-title">
      <h2 id="ck-publishers-title">Phase publishers</h2>
      <form className="ck-form ck-admin-form ck-inline-form" onSubmit={submit} noValidate>
        <Field label="Phase" error={errors.phase} hint="e.g. peer-review; it need not exist yet">
          <input value={phase} onChange={(e) => setPhase(e.target.value)} required />
        </Field>
        <Field label="Email" error={errors.email}>
          <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} required />
        </Field>
        <button type="submit" disabled={grant.isPending}>
          {grant.isPending ? 'Granting…' : 'Make publisher'}
        </button>
        <ErrorAlert error={Object.keys(errors).length === 0 && grant.error} />
        {grant.isSuccess ? (
          <p role="status" className="ck-success">
            {`${grant.data.user.email} may publish ${grant.data.phase}.`}
          </p>
        ) : null}
      </form>
      {publishers.isPending ? (
        <LoadingState>Loading publishers…</LoadingState>
      ) : publishers.isError ? (
        <ErrorState
          title="The publishers could not be loaded."
          error={publishers.error}
          onRetry={() => void publishers.refetch()}
        />
      ) : publishers.data.length === 0 ? (
        <p className="ck-empty">No phase publishers yet: only administrators publish.</p>
      ) : (
        <ul className="ck-admin-list" aria-label="Phase publishers">
          {publishers.data.map((p) => (
            <li key={`${p.phase} ${p.user.id}`} className="ck-card ck-admin-item">
              <div>
                <strong>{p.phase}</strong>
                <p className="ck-muted ck-break">{`${p.user.name} · ${p.user.email}`}</p>
              </div>
              <button
                type="button"
                className="ck-secondary"
                disabled={revoke.isPending}
                onClick={() => revoke.mutate({ phase: p.phase, userId: p.user.id })}
              >
                {`Revoke ${p.user.email} for ${p.phase}`}
              </button>
            </li>
          ))}
        </ul>
      )}
      <ErrorAlert error={revoke.error} />
    </section>
  );
}
