/**
 * SQL for OpenID Connect sign-ins in flight (`oidc_logins`): the state, PKCE verifier, nonce and
 * destination of each started sign-in. They live in the database, not in memory, because the
 * provider may send the browser back to another replica than the one that started the sign-in.
 */
import type { Queryable } from '@coursekit/phase-sdk/server';

export interface OidcLogin {
  state: string;
  codeVerifier: string;
  nonce: string;
  returnTo: string;
}

export interface TakenOidcLogin extends OidcLogin {
  /** `false` when the sign-in was started too long ago. */
  live: boolean;
}

export class OidcLoginRepository {
  constructor(private readonly db: Queryable) {}

  /** Remember a started sign-in for `ttlMs` (measured on the database's clock, shared by replicas). */
  async save(login: OidcLogin, ttlMs: number): Promise<void> {
    await this.db.query(
      `INSERT INTO oidc_logins (state, code_verifier, nonce, return_to, expires_at)
       VALUES ($1, $2, $3, $4, now() + ($5 || ' milliseconds')::interval)`,
      [login.state, login.codeVerifier, login.nonce, login.returnTo, String(ttlMs)],
    );
  }

  /** Remove and return the sign-in started with `state`: each state can be used once only. */
  async take(state: string): Promise<TakenOidcLogin | null> {
    const [row] = await this.db.query<{
      state: string;
      code_verifier: string;
      nonce: string;
      return_to: string;
      live: boolean;
    }>(
      `DELETE FROM oidc_logins WHERE state = $1
       RETURNING state, code_verifier, nonce, return_to, expires_at > now() AS live`,
      [state],
    );
    if (!row) return null;
    return {
      state: row.state,
      codeVerifier: row.code_verifier,
      nonce: row.nonce,
      returnTo: row.return_to,
      live: row.live,
    };
  }

  /** Forget abandoned sign-ins (called when a new one starts; any replica may do it). */
  async sweep(): Promise<void> {
    await this.db.query('DELETE FROM oidc_logins WHERE expires_at < now()');
  }
}
