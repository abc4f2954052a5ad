/**
 * Local verification of phase tokens. The registry's public keys are fetched from its JWKS and
 * cached (`refreshingRemoteJwks`: refreshed at most once per cooldown, 10 s by default), so a phase
 * server needs no call to the core per request, and a key the core retires is refused within a
 * cooldown. Only ES256 is accepted: `alg: none` and HS256-signed-with-the-public-key forgeries fail
 * before any key is used.
 *
 * A signature check costs about 0.2 ms (P-256), while a user sends many requests with the same
 * token during its few minutes: verified tokens are kept in a bounded cache keyed by the exact
 * token text, so repeated requests skip the signature check. Time claims, the token's key being
 * still published, and the per-request expectations (course, role) are still checked on every
 * request; a token that differs by one byte is a different key and gets the full check.
 */
import { errors, type JWTVerifyGetKey, jwtVerify } from 'jose';
import {
  type CoreTokenClaims,
  CoreTokenClaims as CoreTokenClaimsSchema,
  type CourseRole,
  phaseAudience,
} from '../contract/index.js';
import { CoreAuthError } from './CoreAuthError.js';
import { JWKS_COOLDOWN_MS, refreshingRemoteJwks } from './refreshingRemoteJwks.js';

export interface CoreTokenVerifierOptions {
  /** Origin of the registry, which is also the tokens' issuer (e.g. `http://localhost:4000`). */
  issuer: string;
  /** This server's phase name; tokens for other phases are refused. */
  phase: string;
  /** Where the keys are; default `<issuer>/.well-known/jwks.json`. */
  jwksUrl?: string;
  /**
   * How long the keys already known are used while the key set cannot be refreshed (the core
   * unreachable). Default 5 minutes; the registry publishes a new key longer than that before
   * signing with it.
   */
  jwksCacheMaxAgeMs?: number;
  /**
   * The key set's cooldown: the shortest pause between two fetches, and the longest a key set is
   * used before a request makes it refetch. A key the core retires (immediate rotation) is refused,
   * and a key it starts signing with is known, within this time. Default 10 s, at most the max age.
   */
  jwksCooldownMs?: number;
  /** Seconds of clock skew tolerated. Default 5. */
  clockToleranceSeconds?: number;
  /** How many verified tokens to remember (0 disables the cache). Default 10 000. */
  cacheSize?: number;
  /** Inject a key set (tests); otherwise fetched from `jwksUrl`. */
  keys?: JWTVerifyGetKey;
}

/** Who a verified token speaks for. */
export interface CoreIdentity {
  userId: string;
  courseId: string;
  coursePhaseId: string;
  role: CourseRole;
  claims: CoreTokenClaims;
}

export interface VerifyExpectations {
  /** Refuse tokens for another course (e.g. the `:courseId` of the route). */
  courseId?: string;
  /** Refuse tokens for another course phase. */
  coursePhaseId?: string;
  /** Refuse roles not in this list. */
  roles?: readonly CourseRole[];
}

export type CoreTokenVerifier = (
  token: string,
  expect?: VerifyExpectations,
) => Promise<CoreIdentity>;

function explain(error: unknown, phase: string): CoreAuthError {
  if (error instanceof CoreAuthError) return error;
  if (error instanceof errors.JWTExpired)
    return new CoreAuthError(
      'CK_TOKEN_EXPIRED',
      'The phase token has expired; ask the core for a fresh one (the SDK does this for you).',
    );
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'aud')
      return new CoreAuthError(
        'CK_TOKEN_WRONG_AUDIENCE',
        `The token was issued for another phase, not "${phase}".`,
      );
    if (error.claim === 'nbf')
      return new CoreAuthError(
        'CK_TOKEN_NOT_YET_VALID',
        'The token is not valid yet (check the clocks).',
      );
    return new CoreAuthError(
      'CK_TOKEN_INVALID',
      `The token's "${error.claim}" claim is not acceptable: ${error.reason}.`,
    );
  }
  if (error instanceof errors.JWKSNoMatchingKey)
    return new CoreAuthError(
      'CK_TOKEN_INVALID',
      'The token was signed with a key the core does not publish.',
    );
  if (
    error instanceof errors.JWKSTimeout ||
    (error instanceof Error && error.name === 'TypeError' && /fetch/i.test(error.message))
  ) {
    return new CoreAuthError(
      'CK_CORE_UNREACHABLE',
      "The core's public keys could not be fetched; try again shortly.",
      { cause: error },
    );
  }
  if (error instanceof errors.JOSEError)
    return new CoreAuthError(
      'CK_TOKEN_INVALID',
      `The token is not a valid core token: ${error.message}.`,
    );
  return new CoreAuthError('CK_TOKEN_INVALID', 'The token could not be verified.', {
    cause: error,
  });
}

/**
 * Create a verifier for one phase.
 *
 * @example
 * const verify = createCoreTokenVerifier({ issuer: 'http://localhost:4000', phase: 'matching' });
 * const who = await verify(token, { courseId });
 */
export function createCoreTokenVerifier(options: CoreTokenVerifierOptions): CoreTokenVerifier {
  const issuer = options.issuer.replace(/\/$/, '');
  const maxAgeMs = options.jwksCacheMaxAgeMs ?? 300_000;
  const keys =
    options.keys ??
    refreshingRemoteJwks(new URL(options.jwksUrl ?? `${issuer}/.well-known/jwks.json`), {
      maxAgeMs,
      // The pause also keeps a flood of forged kids from turning a phase server into a load
      // generator against the core.
      cooldownMs: Math.min(options.jwksCooldownMs ?? JWKS_COOLDOWN_MS, maxAgeMs),
    });
  const audience = phaseAudience(options.phase);
  const cacheSize = options.cacheSize ?? 10_000;
  const clockTolerance = options.clockToleranceSeconds ?? 5;
  /** Verified tokens by their exact text, with the `kid` of the key that verified them. */
  const verified = new Map<string, { claims: CoreTokenClaims; kid: string | undefined }>();
  /** The token text plays no part in finding a key, only the header. */
  const noToken = { payload: '', signature: '' };

  /** Whether the key a cached token was verified with is still published (not retired). */
  const keyStillPublished = async (kid: string | undefined): Promise<boolean> => {
    try {
      await keys({ alg: 'ES256', kid }, noToken);
      return true;
    } catch {
      return false;
    }
  };

  const check = (claims: CoreTokenClaims, expect: VerifyExpectations): CoreIdentity => {
    const identity: CoreIdentity = {
      userId: claims.sub,
      courseId: claims.course,
      coursePhaseId: claims.coursePhase,
      role: claims.role,
      claims,
    };
    if (expect.courseId && expect.courseId !== identity.courseId) {
      throw new CoreAuthError(
        'CK_TOKEN_WRONG_COURSE',
        'The token was issued for another course than the one this request is about.',
      );
    }
    if (expect.coursePhaseId && expect.coursePhaseId !== identity.coursePhaseId) {
      throw new CoreAuthError(
        'CK_TOKEN_WRONG_COURSE',
        'The token was issued for another course phase than the one this request is about.',
      );
    }
    if (expect.roles && !expect.roles.includes(identity.role)) {
      throw new CoreAuthError(
        'CK_TOKEN_WRONG_ROLE',
        `This needs the role ${expect.roles.join(' or ')}; the token says ${identity.role}.`,
      );
    }
    return identity;
  };

  return async (token, expect = {}) => {
    const cached = verified.get(token);
    if (cached) {
      const now = Date.now() / 1000;
      if (cached.claims.exp + clockTolerance > now && (await keyStillPublished(cached.kid))) {
        // Refresh its place in the LRU order.
        verified.delete(token);
        verified.set(token, cached);
        return check(cached.claims, expect);
      }
      verified.delete(token);
    }
    let payload: unknown;
    let kid: string | undefined;
    try {
      ({
        payload,
        protectedHeader: { kid },
      } = await jwtVerify(token, keys, {
        algorithms: ['ES256'],
        issuer,
        audience,
        clockTolerance,
        requiredClaims: ['sub', 'exp', 'iat', 'course', 'coursePhase', 'role'],
      }));
    } catch (error) {
      throw explain(error, options.phase);
    }
    const claims = CoreTokenClaimsSchema.safeParse(payload);
    if (!claims.success)
      throw new CoreAuthError(
        'CK_TOKEN_INVALID',
        `The token's claims are malformed: ${claims.error.issues[0]?.message}.`,
      );
    if (cacheSize > 0) {
      if (verified.size >= cacheSize) verified.delete(verified.keys().next().value as string);
      verified.set(token, { claims: claims.data, kid });
    }
    return check(claims.data, expect);
  };
}

/** Read the bearer token of a request's `authorization` header. */
export function bearerToken(headers: Record<string, string | string[] | undefined>): string {
  const header = headers.authorization;
  const value = Array.isArray(header) ? header[0] : header;
  const match = value?.match(/^Bearer\s+(\S+)$/i);
  if (!match?.[1])
    throw new CoreAuthError(
      'CK_TOKEN_MISSING',
      'Send the phase token as "Authorization: Bearer <token>" (apiFetch does this for you).',
    );
  return match[1];
}
