/**
 * Phase-token signing keys. They live in the database so that every replica signs with and
 * publishes the same keys. An ordinary rotation never refuses a valid token:
 * - a new key is published at once but signs only after a propagation delay, longer than phase
 *   servers cache the key set, so every verifier knows it before the first token it signs;
 * - the key it replaces stays published, so tokens signed just before the switch still verify;
 * - while a key is pending, another ordinary rotation is refused (`RotationPending`): stacking
 *   them would push the active key out of the published set.
 * An immediate rotation (after a compromise) signs with the new key at once and deletes every
 * other key, so the JWKS stops publishing them and verifiers refuse their tokens as soon as they
 * refresh the key set. Rotations run under an advisory lock, so replicas never race to create two
 * keys, and the registry is never without an active key.
 *
 * Every decision on time (is a key active or pending, is a rotation due, is the cached key set
 * fresh) reads one injected clock, which also stamps `activates_at`: tests move it instead of
 * waiting. Replicas' clocks need to agree only to well within the propagation delay (minutes), as
 * they already must for the expiry of the tokens they sign.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '@coursekit/phase-sdk/server';
import { exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';
import type { ChangeFeed } from '../../cache/ChangeFeed.js';

const ALG = 'ES256';
const ROTATION_LOCK = 7_240_002;
/**
 * How long a replica trusts its in-memory copy of the keys before reading them again. Another
 * replica's rotation reaches this one at once through the change feed (`signing-keys`); this
 * bound holds even if a notification were lost.
 */
export const KEY_CACHE_MS = 10_000;
export const SIGNING_KEYS_TOPIC = 'signing-keys';

type PrivateKey = Awaited<ReturnType<typeof importJWK>>;

export interface SigningKey {
  kid: string;
  privateKey: PrivateKey;
}

interface KeyRow {
  kid: string;
  public_jwk: JWK;
  private_jwk: JWK;
  activates_at: Date | string;
}

/** Milliseconds since the epoch, as `Date.now()`. */
export type Clock = () => number;

/** What a rotation did: created a key (retiring others when immediate), or nothing and why. */
export type RotationResult =
  | { created: { kid: string; activatesAt: Date; retired: string[] } }
  | { pending: { kid: string; activatesAt: Date } }
  | { skipped: 'exists' };

export interface KeyPolicy {
  rotationMs: number;
  propagationMs: number;
}

/** Whether the key signs at `now` (a cached pending key starts signing on time). */
const activeAt = (row: KeyRow, now: number) => new Date(row.activates_at).getTime() <= now;

export class SigningKeyService {
  private cache: { rows: KeyRow[]; at: number } | null = null;
  private imported: SigningKey | null = null;

  constructor(
    private readonly db: Db,
    private readonly policy: KeyPolicy,
    private readonly changes?: ChangeFeed,
    private readonly clock: Clock = Date.now,
  ) {
    changes?.subscribe(SIGNING_KEYS_TOPIC, () => {
      this.cache = null;
    });
  }

  /** The key to sign with now. The very first key is created active. */
  async signingKey(): Promise<SigningKey> {
    let rows = await this.rows();
    if (rows.length === 0) {
      await this.rotate({ immediate: true, onlyIfNone: true });
      rows = await this.rows();
    }
    const now = this.clock();
    const active = rows.find((row) => activeAt(row, now));
    if (!active) throw new Error('Bug: signing keys exist but none is active.');
    const pending = rows.some((row) => !activeAt(row, now));
    if (!pending && now - new Date(active.activates_at).getTime() > this.policy.rotationMs) {
      await this.rotate();
    }
    if (this.imported?.kid !== active.kid) {
      this.imported = { kid: active.kid, privateKey: await importJWK(active.private_jwk, ALG) };
    }
    return this.imported;
  }

  /** The public keys to publish: any pending key, the active one and the one before it. */
  async jwks(): Promise<{ keys: JWK[] }> {
    await this.signingKey();
    const now = this.clock();
    const rows = await this.rows();
    const firstActive = rows.findIndex((row) => activeAt(row, now));
    const published = rows.slice(0, firstActive + 2);
    return {
      keys: published.map((row) => ({ ...row.public_jwk, kid: row.kid, alg: ALG, use: 'sig' })),
    };
  }

  /**
   * Create the next signing key. It signs after the propagation delay; with `immediate` (after a
   * key compromise) it signs at once and every other key is retired (deleted) in the same
   * transaction. An ordinary rotation while a key is pending creates nothing and answers
   * `{ pending }`: two pending keys would leave the active one unpublished.
   */
  async rotate(
    options: { immediate?: boolean; onlyIfNone?: boolean } = {},
  ): Promise<RotationResult> {
    const result = await this.db.transaction(async (tx): Promise<RotationResult> => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [ROTATION_LOCK]);
      // Read after the lock: a rotation that waited for another one judges what it left.
      const now = new Date(this.clock());
      if (options.onlyIfNone) {
        const [any] = await tx.query('SELECT 1 FROM signing_keys LIMIT 1');
        if (any) return { skipped: 'exists' };
      }
      if (!options.immediate) {
        const [pending] = await tx.query<{ kid: string; activates_at: Date | string }>(
          `SELECT kid, activates_at FROM signing_keys WHERE activates_at > $1
           ORDER BY activates_at DESC LIMIT 1`,
          [now],
        );
        if (pending)
          return { pending: { kid: pending.kid, activatesAt: new Date(pending.activates_at) } };
      }
      const { publicKey, privateKey } = await generateKeyPair(ALG, { extractable: true });
      const kid = randomUUID();
      const activatesAt = new Date(
        now.getTime() + (options.immediate ? 0 : this.policy.propagationMs),
      );
      await tx.query(
        `INSERT INTO signing_keys (kid, alg, public_jwk, private_jwk, created_at, activates_at)
         VALUES ($1, $2, $3::jsonb, $4::jsonb, $5, $6)`,
        [
          kid,
          ALG,
          JSON.stringify(await exportJWK(publicKey)),
          JSON.stringify(await exportJWK(privateKey)),
          now,
          activatesAt,
        ],
      );
      const retired = options.immediate
        ? (
            await tx.query<{ kid: string }>(
              'DELETE FROM signing_keys WHERE kid <> $1 RETURNING kid',
              [kid],
            )
          ).map((r) => r.kid)
        : [];
      return { created: { kid, activatesAt, retired } };
    });
    this.cache = null;
    if ('created' in result) await this.changes?.publish(SIGNING_KEYS_TOPIC);
    return result;
  }

  /**
   * Newest first: pending keys, the active key and the one before it (older keys are never
   * needed). Selected by kind, not by count, so that no number of pending keys hides the active one.
   */
  private async rows(): Promise<KeyRow[]> {
    const now = this.clock();
    if (this.cache && now - this.cache.at < KEY_CACHE_MS) return this.cache.rows;
    const at = new Date(now);
    const rows = await this.db.query<KeyRow>(
      `SELECT kid, public_jwk, private_jwk, activates_at FROM signing_keys
       WHERE activates_at > $1
       UNION ALL
       (SELECT kid, public_jwk, private_jwk, activates_at FROM signing_keys
        WHERE activates_at <= $1 ORDER BY activates_at DESC LIMIT 2)
       ORDER BY activates_at DESC`,
      [at],
    );
    this.cache = { rows, at: now };
    return rows;
  }
}
