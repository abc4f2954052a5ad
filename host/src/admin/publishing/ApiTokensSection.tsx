/**
 * API tokens: create one for an admin or a phase publisher (the secret is shown here once, never
 * again), list every token with its state, revoke.
 */
import type { ApiToken } from '@coursekit/phase-sdk/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ErrorAlert } from '../../app/ErrorAlert';
import { ErrorState } from '../../app/ErrorState';
import { LoadingState } from '../../app/LoadingState';
import { adminKeys, useAdminApi } from '../adminQueries';
import { NewApiTokenForm } from './NewApiTokenForm';

function stateOf(token: ApiToken, now: number): string {
  if (token.revokedAt) return `revoked ${new Date(token.revokedAt).toLocaleDateString()}`;
  if (new Date(token.expiresAt).getTime() <= now)
    return `expired ${new Date(token.expiresAt).toLocaleDateString()}`;
  return `valid until ${new Date(token.expiresAt).toLocaleDateString()}`;
}

export function ApiTokensSection() {
  const api = useAdminApi();
  const queryClient = useQueryClient();
  const tokens = useQuery({ queryKey: adminKeys.apiTokens, queryFn: () => api.apiTokens() });
  const revoke = useMutation({
    mutationFn: (tokenId: string) => api.revokeApiToken(tokenId),
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: adminKeys.apiTokens }),
        queryClient.invalidateQueries({ queryKey: adminKeys.audit }),
      ]),
  });
  const now = Date.now();
  return (
    <section aria-labelledby="ck-api-tokens-title">
      <h2 id="ck-api-tokens-title">API tokens</h2>
      <NewApiTokenForm />
      {tokens.isPending ? (
        <LoadingState>Loading API tokens…</LoadingState>
      ) : tokens.isError ? (
        <ErrorState
          title="The API tokens could not be loaded."
          error={tokens.error}
          onRetry={() => void tokens.refetch()}
        />
      ) : tokens.data.length === 0 ? (
        <p className="ck-empty">No API tokens yet.</p>
      ) : (
        <ul className="ck-admin-list" aria-label="API tokens">
          {tokens.data.map((token) => (
            <li key={token.id} className="ck-card ck-admin-item">
              <div>
                <strong>{token.name}</strong>
                <p className="ck-muted ck-break">
                  {`${token.user.email} · ${token.phase ?? 'every phase'} · ${stateOf(token, now)} · ${
                    token.lastUsedAt
                      ? `last used ${new Date(token.lastUsedAt).toLocaleString()}`
                      : 'never used'
                  }`}
                </p>
              </div>
              {token.revokedAt ? null : (
                <button
                  type="button"
                  className="ck-secondary"
                  disabled={revoke.isPending}
                  onClick={() => revoke.mutate(token.id)}
                >
                  {`Revoke ${token.name}`}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <ErrorAlert error={revoke.error} />
    </section>
  );
}
