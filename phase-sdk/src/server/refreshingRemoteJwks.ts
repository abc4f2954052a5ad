/**
 * The registry's key set as a phase server holds it: fetched from the JWKS URL and, whenever a
 * request finds it older than the cooldown, fetched again before that request is judged. So a key
 * the core retires (an immediate rotation after a compromise) is refused, and a key it starts to
 * sign with is known, within one cooldown; and however many requests (or forged `kid`s) arrive,
 * the core sees at most one fetch per cooldown. When a refresh fails (the core unreachable), the
 * keys already known stay in use until the max age; after that verification fails with
 * `CK_CORE_UNREACHABLE`.
 */
import { createRemoteJWKSet, type JWTVerifyGetKey } from 'jose';

/** The default cooldown: documented in the README's security section; keep them in step. */
export const JWKS_COOLDOWN_MS = 10_000;

export interface RefreshingJwksOptions {
  /** How long known keys are used without a successful refresh. */
  maxAgeMs: number;
  /** The shortest pause between two fetches, and the longest a key set is used while requests arrive. */
  cooldownMs: number;
}

/**
 * @example
 * const keys = refreshingRemoteJwks(new URL('http://localhost:4000/.well-known/jwks.json'), { maxAgeMs: 300_000, cooldownMs: 10_000 });
 * await jwtVerify(token, keys);
 */
export function refreshingRemoteJwks(url: URL, options: RefreshingJwksOptions): JWTVerifyGetKey {
  const remote = createRemoteJWKSet(url, {
    cacheMaxAge: options.maxAgeMs,
    cooldownDuration: options.cooldownMs,
  });
  let triedAt = Number.NEGATIVE_INFINITY;
  let refreshing: Promise<void> | undefined;
  return async (header, token) => {
    if (!refreshing && !remote.coolingDown && Date.now() - triedAt >= options.cooldownMs) {
      triedAt = Date.now();
      refreshing = remote
        .reload()
        // A failed refresh keeps the keys already known; the max age bounds how long.
        .catch(() => undefined)
        .finally(() => {
          refreshing = undefined;
        });
    }
    // Requests arriving during a refresh wait for it: none is judged by a key set known stale.
    await refreshing;
    return remote(header, token);
  };
}
