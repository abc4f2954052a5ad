/** The verified-token cache makes repeated requests cheap without accepting anything it should not. */
import { randomUUID } from 'node:crypto';
import { createLocalJWKSet, exportJWK, generateKeyPair, type JWTVerifyGetKey, SignJWT } from 'jose';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCoreTokenVerifier } from '../index.js';

const issuer = 'http://core.test';

async function setup() {
  const { publicKey, privateKey } = await generateKeyPair('ES256');
  const kid = 'k1';
  let local = createLocalJWKSet({
    keys: [{ ...(await exportJWK(publicKey)), kid, alg: 'ES256' }],
  });
  /** The core retires the key (an immediate rotation): it is no longer published. */
  const retireKey = () => {
    local = createLocalJWKSet({ keys: [] });
  };
  const keyLookups = vi.fn<JWTVerifyGetKey>((header, token) => local(header, token));
  const course = randomUUID();
  const sign = (expiresInSeconds = 300) => {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ course, coursePhase: randomUUID(), role: 'student' })
      .setProtectedHeader({ alg: 'ES256', kid })
      .setSubject(randomUUID())
      .setAudience('phase:matching')
      .setIssuer(issuer)
      .setIssuedAt(now)
      .setExpirationTime(now + expiresInSeconds)
      .sign(privateKey);
  };
  const verify = createCoreTokenVerifier({
    issuer,
    phase: 'matching',
    keys: keyLookups,
    clockToleranceSeconds: 0,
  });
  return { verify, keyLookups, sign, course, retireKey };
}

afterEach(() => vi.useRealTimers());

describe('verified-token cache', () => {
  it('checks the signature once per token, and the course on every request', async () => {
    const { verify, sign, course } = await setup();
    const token = await sign();
    const signatureChecks = vi.spyOn(globalThis.crypto.subtle, 'verify');
    for (let i = 0; i < 5; i++) await verify(token, { courseId: course });
    expect(signatureChecks).toHaveBeenCalledTimes(1);
    signatureChecks.mockRestore();
    await expect(verify(token, { courseId: randomUUID() })).rejects.toMatchObject({
      code: 'CK_TOKEN_WRONG_COURSE',
    });
    await expect(verify(token, { roles: ['lecturer'] })).rejects.toMatchObject({
      code: 'CK_TOKEN_WRONG_ROLE',
    });
  });

  it('refuses a cached token once it expires', async () => {
    const { verify, sign } = await setup();
    const token = await sign(60);
    await verify(token);
    vi.useFakeTimers({ now: Date.now() + 61_000 });
    await expect(verify(token)).rejects.toMatchObject({ code: 'CK_TOKEN_EXPIRED' });
  });

  it('refuses a cached token once its key is no longer published (retired after a compromise)', async () => {
    const { verify, sign, retireKey } = await setup();
    const token = await sign();
    await verify(token);
    retireKey();
    await expect(verify(token)).rejects.toMatchObject({ code: 'CK_TOKEN_INVALID' });
  });

  it('gives a token altered by one character the full check', async () => {
    const { verify, sign } = await setup();
    const token = await sign();
    await verify(token);
    // Not the last character: its low bits are padding, so changing it may not change the signature.
    const at = token.length - 10;
    const altered = `${token.slice(0, at)}${token[at] === 'A' ? 'B' : 'A'}${token.slice(at + 1)}`;
    await expect(verify(altered)).rejects.toMatchObject({ code: 'CK_TOKEN_INVALID' });
  });
});
