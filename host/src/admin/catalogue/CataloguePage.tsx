/**
 * `/admin/catalogue`: every phase type with its versions — kind, SDK range, registration date,
 * status, where the bundle lives, how many course phases use it, and its health badge — and a
 * button that probes every version in use now.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { describeError } from '../../app/describeError';
import { ErrorState } from '../../app/ErrorState';
import { LoadingState } from '../../app/LoadingState';
import { adminKeys, catalogueQuery, useAdminApi } from '../adminQueries';
import { usePageTitle } from '../usePageTitle';
import { HealthBadge, healthSummary } from './HealthBadge';

export function CataloguePage() {
  usePageTitle('Phase catalogue');
  const api = useAdminApi();
  const queryClient = useQueryClient();
  const catalogue = useQuery(catalogueQuery(api));
  const probe = useMutation({
    mutationFn: () => api.probeHealth(),
    onSettled: () => queryClient.invalidateQueries({ queryKey: adminKeys.catalogue }),
  });
  return (
    <section className="ck-page" aria-labelledby="ck-catalogue-title">
      <div className="ck-page-heading">
        <h1 id="ck-catalogue-title">Phase catalogue</h1>
        <button type="button" disabled={probe.isPending} onClick={() => probe.mutate()}>
          {probe.isPending ? 'Probing…' : 'Probe health now'}
        </button>
      </div>
      {probe.isError ? (
        <p role="alert" className="ck-error">
          {describeError(probe.error)}
        </p>
      ) : probe.isSuccess ? (
        <p
          role="status"
          className="ck-muted"
        >{`Probed ${probe.data.probed.length} versions in use.`}</p>
      ) : null}
      {catalogue.isPending ? (
        <LoadingState>Loading the phase catalogue…</LoadingState>
      ) : catalogue.isError ? (
        <ErrorState
          title="The phase catalogue could not be loaded."
          error={catalogue.error}
          onRetry={() => void catalogue.refetch()}
        />
      ) : catalogue.data.length === 0 ? (
        <p className="ck-empty">No phase type is registered yet.</p>
      ) : (
        catalogue.data.map((type) => (
          <section key={type.name} className="ck-card ck-catalogue-type" aria-label={type.title}>
            <h2>
              {type.title} <span className="ck-muted">{`${type.name} · ${type.kind}`}</span>
            </h2>
            {type.description ? <p>{type.description}</p> : null}
            <p>
              <Link to={`/admin/catalogue/${type.name}/audit`}>{`Audit log of ${type.name}`}</Link>
            </p>
            {type.versions.length === 0 ? (
              <p className="ck-empty">No version registered.</p>
            ) : (
              <ul className="ck-admin-list" aria-label={`Versions of ${type.title}`}>
                {type.versions.map((version) => (
                  <li key={version.id} className="ck-version">
                    <p>
                      <strong>{version.version}</strong> <HealthBadge health={version.health} />{' '}
                      <span className="ck-badge">{version.status}</span>
                    </p>
                    <dl className="ck-facts">
                      <dt>SDK</dt>
                      <dd>{version.sdk}</dd>
                      <dt>Registered</dt>
                      <dd>
                        <time dateTime={version.registeredAt}>
                          {new Date(version.registeredAt).toLocaleDateString()}
                        </time>
                      </dd>
                      <dt>Used by</dt>
                      <dd>{`${version.usedBy} course phase${version.usedBy === 1 ? '' : 's'}`}</dd>
                      <dt>Bundle</dt>
                      <dd className="ck-break">{version.manifestUrl}</dd>
                      {version.serverUrl ? (
                        <>
                          <dt>Server</dt>
                          <dd className="ck-break">{version.serverUrl}</dd>
                        </>
                      ) : null}
                      <dt>Health</dt>
                      <dd>{healthSummary(version.health)}</dd>
                    </dl>
                  </li>
                ))}
              </ul>
            )}
          </section>
        ))
      )}
    </section>
  );
}
