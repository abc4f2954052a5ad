/** SQL for phase publishers and API tokens. */
import type { ApiToken, PhasePublisher } from '@coursekit/phase-sdk/contract';
import type { Queryable } from '@coursekit/phase-sdk/server';

interface TokenRow {
  id: string;
  name: string;
  phase_type: string | null;
  created_at: Date | string;
  expires_at: Date | string;
  revoked_at: Date | string | null;
  last_used_at: Date | string | null;
  user_id: string;
  email: string;
  user_name: string;
  is_admin: boolean;
  is_developer: boolean;
}

const iso = (value: Date | string) => new Date(value).toISOString();

const toApiToken = (row: TokenRow): ApiToken => ({
  id: row.id,
  name: row.name,
  user: { id: row.user_id, email: row.email, name: row.user_name },
  phase: row.phase_type,
  createdAt: iso(row.created_at),
  expiresAt: iso(row.expires_at),
  revokedAt: row.revoked_at === null ? null : iso(row.revoked_at),
  lastUsedAt: row.last_used_at === null ? null : iso(row.last_used_at),
});

const TOKEN_COLUMNS = `t.id, t.name, t.phase_type, t.created_at, t.expires_at, t.revoked_at,
  t.last_used_at, u.id AS user_id, u.email, u.name AS user_name, u.is_admin, u.is_developer`;

/** A token found by its hash, with what deciding on it needs. */
export interface StoredToken {
  token: ApiToken;
  isAdmin: boolean;
  isDeveloper: boolean;
}

export class PublishingRepository {
  constructor(private readonly db: Queryable) {}

  async publishers(): Promise<PhasePublisher[]> {
    const rows = await this.db.query<{
      phase_type: string;
      granted_at: Date | string;
      id: string;
      email: string;
      name: string;
    }>(
      `SELECT p.phase_type, p.granted_at, u.id, u.email, u.name
       FROM phase_publishers p JOIN users u ON u.id = p.user_id
       ORDER BY p.phase_type, u.email`,
    );
    return rows.map((row) => ({
      phase: row.phase_type,
      user: { id: row.id, email: row.email, name: row.name },
      grantedAt: iso(row.granted_at),
    }));
  }

  /** The phases `userId` publishes. */
  async phasesOf(userId: string): Promise<string[]> {
    const rows = await this.db.query<{ phase_type: string }>(
      'SELECT phase_type FROM phase_publishers WHERE user_id = $1 ORDER BY phase_type',
      [userId],
    );
    return rows.map((row) => row.phase_type);
  }

  /** Grant; `false` when the user already publishes the phase. */
  async grant(phase: string, userId: string): Promise<boolean> {
    const rows = await this.db.query(
      `INSERT INTO phase_publishers (phase_type, user_id) VALUES ($1, $2)
       ON CONFLICT DO NOTHING RETURNING phase_type`,
      [phase, userId],
    );
    return rows.length > 0;
  }

  /** Revoke; `false` when there was nothing to revoke. */
  async revokePublisher(phase: string, userId: string): Promise<boolean> {
    const rows = await this.db.query(
      'DELETE FROM phase_publishers WHERE phase_type = $1 AND user_id = $2 RETURNING phase_type',
      [phase, userId],
    );
    return rows.length > 0;
  }

  async insertToken(input: {
    userId: string;
    name: string;
    hash: string;
    phase: string | null;
    expiresInDays: number;
  }): Promise<ApiToken> {
    const [row] = await this.db.query<{ id: string }>(
      `INSERT INTO api_tokens (user_id, name, token_hash, phase_type, expires_at)
       VALUES ($1, $2, $3, $4, now() + make_interval(days => $5::int)) RETURNING id`,
      [input.userId, input.name, input.hash, input.phase, input.expiresInDays],
    );
    if (!row) throw new Error('Bug: inserting an API token returned no row.');
    const token = await this.findToken(row.id);
    if (!token) throw new Error('Bug: an inserted API token cannot be read.');
    return token;
  }

  async tokens(): Promise<ApiToken[]> {
    const rows = await this.db.query<TokenRow>(
      `SELECT ${TOKEN_COLUMNS} FROM api_tokens t JOIN users u ON u.id = t.user_id
       ORDER BY t.created_at DESC, t.id`,
    );
    return rows.map(toApiToken);
  }

  async findToken(id: string): Promise<ApiToken | null> {
    const [row] = await this.db.query<TokenRow>(
      `SELECT ${TOKEN_COLUMNS} FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.id = $1`,
      [id],
    );
    return row ? toApiToken(row) : null;
  }

  /** The token with this hash, marked used now; `null` when no token has it. */
  async useToken(hash: string): Promise<StoredToken | null> {
    const [row] = await this.db.query<TokenRow>(
      `WITH used AS (
         UPDATE api_tokens SET last_used_at = now()
         WHERE token_hash = $1 AND revoked_at IS NULL AND expires_at > now()
         RETURNING id
       )
       SELECT ${TOKEN_COLUMNS} FROM api_tokens t JOIN users u ON u.id = t.user_id
       WHERE t.token_hash = $1`,
      [hash],
    );
    return row
      ? { token: toApiToken(row), isAdmin: row.is_admin, isDeveloper: row.is_developer }
      : null;
  }

  /** Revoke now; the token as it was before, or `null` when it does not exist. */
  async revokeToken(id: string): Promise<ApiToken | null> {
    const before = await this.findToken(id);
    if (!before) return null;
    await this.db.query(
      'UPDATE api_tokens SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1',
      [id],
    );
    return before;
  }
}
