/**
 * `verifyCoreToken(request, options)`: verify the phase token of any Node request in one call.
 * Verifiers (and their JWKS caches) are kept per issuer and phase, so calling this on every
 * request costs no extra network.
 */
import {
  bearerToken,
  type CoreIdentity,
  type CoreTokenVerifier,
  type CoreTokenVerifierOptions,
  createCoreTokenVerifier,
  type VerifyExpectations,
} from './createCoreTokenVerifier.js';

const verifiers = new Map<string, CoreTokenVerifier>();

/**
 * @example
 * const who = await verifyCoreToken(request, { issuer: process.env.CORE_URL, phase: 'matching', courseId });
 */
export function verifyCoreToken(
  request: { headers: Record<string, string | string[] | undefined> },
  options: Omit<CoreTokenVerifierOptions, 'keys'> & VerifyExpectations,
): Promise<CoreIdentity> {
  const key = `${options.issuer}\n${options.phase}\n${options.jwksUrl ?? ''}`;
  let verify = verifiers.get(key);
  if (!verify) {
    verify = createCoreTokenVerifier(options);
    verifiers.set(key, verify);
  }
  try {
    return verify(bearerToken(request.headers), options);
  } catch (error) {
    return Promise.reject(error);
  }
}
