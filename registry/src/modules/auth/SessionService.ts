/**
 * Server-side sessions behind an opaque cookie. The cookie holds 32 random bytes; the database
 * holds only their SHA-256, so a copy of the table cannot be replayed. Any replica can read them.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { User } from '@coursekit/phase-sdk/contract';
import type { UserRepository } from './userRepository.js';

export const SESSION_COOKIE = 'ck_session';

const hash = (token: string) => createHash('sha256').update(token).digest('base64url');

export class SessionService {
  constructor(
    private readonly users: UserRepository,
    private readonly ttlMs: number,
  ) {}

  /** Start a session for `user`; returns the cookie value and when it expires. */
  async start(user: User): Promise<{ token: string; expiresAt: Date }> {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + this.ttlMs);
    await this.users.createSession(hash(token), user.id, expiresAt);
    return { token, expiresAt };
  }

  async userOf(token: string | undefined): Promise<User | null> {
    if (!token || token.length > 100) return null;
    return this.users.userOfSession(hash(token));
  }

  async end(token: string | undefined): Promise<void> {
    if (token) await this.users.deleteSession(hash(token));
  }
}
