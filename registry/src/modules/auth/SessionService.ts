/**
 * Server-side sessions behind an opaque cookie. The cookie holds 32 random bytes; the database
 * holds only their SHA-256, so a copy of the table cannot be replayed. Any replica can read them.
 * Sessions expire after a sliding TTL and an absolute maximum since sign-in, and their cookie is
 * rotated after a while of use; the replaced cookie stays valid for a short grace period so that
 * requests already in flight from other tabs do not fail.
 *
 * Each replica caches resumed sessions for a few seconds, which saves a query on every API
 * request. Signing out is seen by every replica at once (the change feed's `sessions` topic); a
 * change to the user (a name, the admin flag) reaches cached sessions within `CACHE_MS`.
 */
import { hash as digest, randomBytes } from 'node:crypto';
import type { User } from '@coursekit/phase-sdk/contract';
import type { Db } from '@coursekit/phase-sdk/server';
import type { ChangeFeed } from '../../cache/ChangeFeed.js';
import { ReplicaCache } from '../../cache/ReplicaCache.js';

export { SESSION_COOKIE } from './sessionCookie.js';

const ROTATION_GRACE_MS = 60_000;
/** How long a replica trusts a resumed session without asking the database (< the grace above). */
const CACHE_MS = 15_000;
const CACHE_MAX = 10_000;
export const SESSIONS_TOPIC = 'sessions';

/** The cookie's SHA-256, as stored (one-shot `crypto.hash`: several times cheaper per request). */
const hash = (token: string) => digest('sha256', token, 'base64url');

export interface SessionPolicy {
  ttlMs: number;
  rotateAfterMs: number;
  maxAgeMs: number;
}

export interface ActiveSession {
  user: User;
  /** The sign-in this session belongs to: the same across cookie rotations. */
  signInId: string;
  /** Set when the cookie was rotated: the new cookie to send back. */
  rotated?: { token: string; expiresAt: Date };
}

interface SessionRow {
  id: string;
  email: string;
  name: string;
  is_admin: boolean;
  is_developer: boolean;
  sign_in_id: string;
  created_at: Date | string;
  authenticated_at: Date | string;
  expires_at: Date | string;
}

const userOf = (row: SessionRow): User => ({
  id: row.id,
  email: row.email,
  name: row.name,
  isAdmin: row.is_admin,
  isDeveloper: row.is_developer,
});

export class SessionService {
  private readonly cache: ReplicaCache<SessionRow | null>;

  constructor(
    private readonly db: Db,
    private readonly policy: SessionPolicy,
    private readonly changes?: ChangeFeed,
  ) {
    this.cache = new ReplicaCache({
      max: CACHE_MAX,
      ttlMs: CACHE_MS,
      // A session is never trusted past its own expiry; unknown cookies are not kept.
      ttlOf: (row) => (row ? new Date(row.expires_at).getTime() - Date.now() : 0),
      changes,
      topics: [SESSIONS_TOPIC],
    });
  }

  /** Start a session for `user`; returns the cookie value and when it expires. */
  async start(
    user: User,
    authenticatedAt = new Date(),
    /** The sign-in a rotated cookie continues; a new sign-in gets a new id. */
    signInId?: string,
  ): Promise<{ token: string; expiresAt: Date }> {
    // Expired sessions go on the way, so the table does not grow with every sign-in.
    await this.sweep();
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(
      Math.min(Date.now() + this.policy.ttlMs, authenticatedAt.getTime() + this.policy.maxAgeMs),
    );
    await this.db.query(
      `INSERT INTO sessions (id_hash, user_id, expires_at, authenticated_at, sign_in_id)
       VALUES ($1, $2, $3, $4, coalesce($5::uuid, gen_random_uuid()))`,
      [hash(token), user.id, expiresAt, authenticatedAt, signInId ?? null],
    );
    return { token, expiresAt };
  }

  /**
   * The session's user and sign-in, without rotating its cookie: for answers that set no cookie
   * (the host page). `null` when absent or expired.
   */
  async peek(token: string | undefined): Promise<ActiveSession | null> {
    if (!token || token.length > 100) return null;
    const row = await this.lookup(hash(token));
    return row ? { user: userOf(row), signInId: row.sign_in_id } : null;
  }

  /** The session's user, rotating the cookie when it is due. `null` when absent or expired. */
  async resume(token: string | undefined): Promise<ActiveSession | null> {
    if (!token || token.length > 100) return null;
    const idHash = hash(token);
    const row = await this.lookup(idHash);
    if (!row) return null;
    const user = userOf(row);
    const signInId = row.sign_in_id;
    const age = Date.now() - new Date(row.created_at).getTime();
    if (age < this.policy.rotateAfterMs) return { user, signInId };
    // Only one concurrent request rotates: the one whose update shortens the old session.
    const claimed = await this.db.query(
      `UPDATE sessions SET expires_at = now() + ($2 || ' milliseconds')::interval
       WHERE id_hash = $1 AND expires_at > now() + ($2 || ' milliseconds')::interval RETURNING 1`,
      [idHash, String(ROTATION_GRACE_MS)],
    );
    if (claimed.length === 0) return { user, signInId };
    this.cache.delete(idHash);
    const rotated = await this.start(user, new Date(row.authenticated_at), signInId);
    return { user, signInId, rotated };
  }

  /**
   * Sign out: end the whole sign-in of this cookie, so that the cookie it replaced (still in its
   * rotation grace) stops working too, and what belonged to the sign-in (phase overrides) goes.
   */
  async end(token: string | undefined): Promise<void> {
    if (!token || token.length > 100) return;
    await this.db.transaction(async (tx) => {
      const ended = await tx.query<{ sign_in_id: string }>(
        `DELETE FROM sessions WHERE sign_in_id = (SELECT sign_in_id FROM sessions WHERE id_hash = $1)
         RETURNING sign_in_id`,
        [hash(token)],
      );
      const signInId = ended[0]?.sign_in_id;
      if (signInId) await tx.query('DELETE FROM phase_overrides WHERE sign_in_id = $1', [signInId]);
    });
    // Other cookies of the sign-in may be cached here and elsewhere: every replica drops them.
    this.cache.clear();
    await this.changes?.publish(SESSIONS_TOPIC);
  }

  /** The live session row of a cookie hash, from this replica's cache while it is fresh. */
  private lookup(idHash: string): Promise<SessionRow | null> {
    return this.cache.get(idHash, async () => {
      const [row] = await this.db.query<SessionRow>(
        `SELECT u.id, u.email, u.name, u.is_admin, u.is_developer, s.sign_in_id, s.created_at,
              s.authenticated_at, s.expires_at
       FROM sessions s JOIN users u ON u.id = s.user_id
       WHERE s.id_hash = $1 AND s.expires_at > now()`,
        [idHash],
      );
      return row ?? null;
    });
  }

  /** Remove expired sessions, and what belonged to sign-ins that have none left (any replica may do it). */
  private async sweep(): Promise<void> {
    await this.db.query('DELETE FROM sessions WHERE expires_at < now()');
    await this.db.query(
      'DELETE FROM phase_overrides o WHERE NOT EXISTS (SELECT 1 FROM sessions s WHERE s.sign_in_id = o.sign_in_id)',
    );
  }
}
