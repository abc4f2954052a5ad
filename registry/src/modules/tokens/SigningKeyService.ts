/**
 * Phase-token signing keys. They live in the database so that every replica signs with and
 * publishes the same keys. Rotation never refuses a valid token:
 * - a new key is published at once but signs only after a propagation delay, longer than phase
 *   servers cache the key set, so every verifier knows it before the first token it signs;
 * - the key it replaces stays published, so tokens signed just before the switch still verify.
 * A replica finding the active key older than the rotation period schedules the next key under an
 * advisory lock, so replicas never race to create two.
 */
import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';
import type { Db } from '../../db/Db.js';

const ALG = 'ES256';
const ROTATION_LOCK = 7_240_002;
/** How long a replica trusts its in-memory copy of the keys before reading them again. */
const CACHE_MS = 10_000;

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

export interface KeyPolicy {
  rotationMs: number;
  propagationMs: number;
}

const activeAt = (row: KeyRow, now: number) => new Date(row.activates_at).getTime() <= now;

export class SigningKeyService {
  private cache: { rows: KeyRow[]; at: number } | null = null;
  private imported: SigningKey | null = null;

  constructor(
    private readonly db: Db,
    private readonly policy: KeyPolicy,
  ) {}

  /** The key to sign with now. The very first key is created active. */
  async signingKey(): Promise<SigningKey> {
    let rows = await this.rows();
    if (rows.length === 0) {
      await this.rotate({ immediate: true, onlyIfNone: true });
      rows = await this.rows();
    }
    const now = Date.now();
    const active = rows.find((row) => activeAt(row, now));
    if (!active) throw new Error('Bug: signing keys exist but none is active.');
    const pending = rows.some((row) => !activeAt(row, now));
    if (!pending && now - new Date(active.activates_at).getTime() > this.policy.rotationMs) {
      await this.rotate({ onlyIfNoPending: true });
    }
    if (this.imported?.kid !== active.kid) {
      this.imported = { kid: active.kid, privateKey: await importJWK(active.private_jwk, ALG) };
    }
    return this.imported;
  }

  /** The public keys to publish: any pending key, the active one and the one before it. */
  async jwks(): Promise<{ keys: JWK[] }> {
    await this.signingKey();
    const now = Date.now();
    const rows = await this.rows();
    const firstActive = rows.findIndex((row) => activeAt(row, now));
    const published = rows.slice(0, firstActive + 2);
    return {
      keys: published.map((row) => ({ ...row.public_jwk, kid: row.kid, alg: ALG, use: 'sig' })),
    };
  }

  /**
   * Create the next signing key; it signs after the propagation delay, or at once with `immediate`
   * (after a key compromise, accepting that verifiers refetch on the unknown `kid`).
   */
  async rotate(
    options: { immediate?: boolean; onlyIfNone?: boolean; onlyIfNoPending?: boolean } = {},
  ): Promise<{ kid: string; activatesAt: Date } | null> {
    const created = await this.db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [ROTATION_LOCK]);
      if (options.onlyIfNone) {
        const [any] = await tx.query('SELECT 1 FROM signing_keys LIMIT 1');
        if (any) return null;
      }
      if (options.onlyIfNoPending) {
        const [pending] = await tx.query(
          'SELECT 1 FROM signing_keys WHERE activates_at > now() LIMIT 1',
        );
        if (pending) return null;
      }
      const { publicKey, privateKey } = await generateKeyPair(ALG, { extractable: true });
      const kid = randomUUID();
      const delayMs = options.immediate ? 0 : this.policy.propagationMs;
      const [row] = await tx.query<{ activates_at: Date | string }>(
        `INSERT INTO signing_keys (kid, alg, public_jwk, private_jwk, created_at, activates_at)
         VALUES ($1, $2, $3::jsonb, $4::jsonb, clock_timestamp(), clock_timestamp() + ($5 || ' milliseconds')::interval)
         RETURNING activates_at`,
        [
          kid,
          ALG,
          JSON.stringify(await exportJWK(publicKey)),
          JSON.stringify(await exportJWK(privateKey)),
          String(delayMs),
        ],
      );
      return { kid, activatesAt: new Date(row?.activates_at ?? Date.now()) };
    });
    this.cache = null;
    return created;
  }

  /** Newest first: pending keys, the active key, the previous one (older keys are never needed). */
  private async rows(): Promise<KeyRow[]> {
    if (this.cache && Date.now() - this.cache.at < CACHE_MS) return this.cache.rows;
    const rows = await this.db.query<KeyRow>(
      'SELECT kid, public_jwk, private_jwk, activates_at FROM signing_keys ORDER BY activates_at DESC LIMIT 4',
    );
    this.cache = { rows, at: Date.now() };
    return rows;
  }
}
