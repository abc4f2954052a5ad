/**
 * Rules for who may publish: admins make users **phase publishers** of one phase, and create API
 * tokens for admins (any phase, or one) and publishers (their phase). A token's secret is 32
 * random bytes shown once; only its SHA-256 is stored, which is enough for a secret of that
 * entropy and lets a token be found by one indexed lookup. Whether a principal may publish a
 * phase is decided by the contract's `publishRefusal`, the one place that rule lives. Every grant,
 * revocation and token is audited.
 */
import { createHash, randomBytes } from 'node:crypto';
import {
  API_TOKEN_PREFIX,
  type ApiToken,
  type CreateApiToken,
  type CreatedApiToken,
  type GrantPhasePublisher,
  type PhasePublisher,
  type PublishPrincipal,
  publishRefusal,
  type User,
} from '@coursekit/phase-sdk/contract';
import type { Db } from '@coursekit/phase-sdk/server';
import type { z } from 'zod';
import { AppError, invalid, notFound } from '../../errors.js';
import { audit } from '../audit.js';
import { UserRepository } from '../auth/userRepository.js';
import { PublishingRepository } from './publishingRepository.js';

const hashOf = (secret: string) => createHash('sha256').update(secret).digest('hex');

/** The user and scope an API token authenticates. */
export interface TokenPrincipal {
  user: User;
  token: ApiToken;
}

export class PublishingService {
  private readonly repo: PublishingRepository;

  constructor(private readonly db: Db) {
    this.repo = new PublishingRepository(db);
  }

  publishers(): Promise<PhasePublisher[]> {
    return this.repo.publishers();
  }

  tokens(): Promise<ApiToken[]> {
    return this.repo.tokens();
  }

  private async userByEmail(email: string, path: string): Promise<User> {
    const user = await new UserRepository(this.db).findByEmail(email);
    if (!user) {
      throw invalid(`No user has the email ${email}; they must have signed in once.`, [
        { path, message: 'no user has this email' },
      ]);
    }
    return user;
  }

  async grant(input: GrantPhasePublisher, actorId: string): Promise<PhasePublisher> {
    const user = await this.userByEmail(input.email, 'body.email');
    return this.db.transaction(async (tx) => {
      const repo = new PublishingRepository(tx);
      if (await repo.grant(input.phase, user.id)) {
        await audit(tx, {
          actorId,
          action: 'phase-publisher.grant',
          entity: 'phase-type',
          entityId: input.phase,
          after: { phase: input.phase, userId: user.id, email: user.email },
        });
      }
      const granted = (await repo.publishers()).find(
        (p) => p.phase === input.phase && p.user.id === user.id,
      );
      if (!granted) throw new Error('Bug: a granted publisher cannot be read.');
      return granted;
    });
  }

  async revokePublisher(phase: string, userId: string, actorId: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      if (!(await new PublishingRepository(tx).revokePublisher(phase, userId)))
        throw notFound('Publisher of this phase', userId);
      await audit(tx, {
        actorId,
        action: 'phase-publisher.revoke',
        entity: 'phase-type',
        entityId: phase,
        before: { phase, userId },
      });
    });
  }

  /** Create a token for a user who may publish its scope; the secret is in the answer only. */
  async createToken(
    input: z.output<typeof CreateApiToken>,
    actorId: string,
  ): Promise<CreatedApiToken> {
    const user = await this.userByEmail(input.email, 'body.email');
    const refusal = publishRefusal(await this.principalOf(user), input.phase);
    if (refusal) {
      throw invalid(`${user.email} cannot hold this token: ${refusal}`, [
        { path: 'body.phase', message: refusal },
      ]);
    }
    const secret = `${API_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
    return this.db.transaction(async (tx) => {
      const apiToken = await new PublishingRepository(tx).insertToken({
        userId: user.id,
        name: input.name,
        hash: hashOf(secret),
        phase: input.phase,
        expiresInDays: input.expiresInDays,
      });
      await audit(tx, {
        actorId,
        action: 'api-token.create',
        entity: 'api-token',
        entityId: apiToken.id,
        phaseType: apiToken.phase,
        after: apiToken,
      });
      return { token: secret, apiToken };
    });
  }

  async revokeToken(id: string, actorId: string): Promise<ApiToken> {
    return this.db.transaction(async (tx) => {
      const repo = new PublishingRepository(tx);
      const before = await repo.revokeToken(id);
      if (!before) throw notFound('API token', id);
      const after = await repo.findToken(id);
      if (before.revokedAt === null)
        await audit(tx, {
          actorId,
          action: 'api-token.revoke',
          entity: 'api-token',
          entityId: id,
          phaseType: before.phase,
          before,
          after,
        });
      return after ?? before;
    });
  }

  /**
   * The user and scope of an API token secret; a 401 `CK_API_TOKEN_INVALID` saying why when it
   * is unknown, revoked or expired.
   */
  async authenticate(secret: string): Promise<TokenPrincipal> {
    const found = await this.repo.useToken(hashOf(secret));
    const fix = 'ask an administrator for a new one (Administration → Publishing).';
    if (!found) throw new AppError('CK_API_TOKEN_INVALID', `This API token is unknown; ${fix}`);
    const { token, isAdmin, isDeveloper } = found;
    if (token.revokedAt !== null)
      throw new AppError(
        'CK_API_TOKEN_INVALID',
        `The API token "${token.name}" was revoked on ${token.revokedAt}; ${fix}`,
      );
    if (new Date(token.expiresAt).getTime() <= Date.now())
      throw new AppError(
        'CK_API_TOKEN_INVALID',
        `The API token "${token.name}" expired on ${token.expiresAt}; ${fix}`,
      );
    return { user: { ...token.user, isAdmin, isDeveloper }, token };
  }

  /** What `publishRefusal` needs to know about `user` (and the token they came with). */
  async principalOf(user: User, token?: ApiToken | null): Promise<PublishPrincipal> {
    return {
      isAdmin: user.isAdmin,
      publisherOf: user.isAdmin ? [] : await this.repo.phasesOf(user.id),
      ...(token ? { tokenPhase: token.phase } : {}),
    };
  }

  /** Throws 403 `CK_NOT_PUBLISHER` unless `user` (with `token`) may publish `phase`. */
  async assertMayPublish(user: User, token: ApiToken | null, phase: string): Promise<void> {
    const refusal = publishRefusal(await this.principalOf(user, token), phase);
    if (refusal) throw new AppError('CK_NOT_PUBLISHER', refusal);
  }
}
