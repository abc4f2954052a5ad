/**
 * The phase server's key set over real HTTP: at most one fetch per cooldown however many requests
 * arrive, a retired key refused one cooldown later, and the known keys kept while the core is
 * unreachable, until the max age.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCoreTokenVerifier } from '../index.js';

const COOLDOWN_MS = 10_000;
const MAX_AGE_MS = 60_000;

async function keyPair(kid: string) {
  const { publicKey, privateKey } = await generateKeyPair('ES256');
  return { privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' } };
}

/** A stand-in for the core's `/.well-known/jwks.json` whose published keys a test changes. */
async function startCore(keys: JWK[]) {
  const core = { keys, fetches: 0, server: undefined as Server | undefined, issuer: '' };
  core.server = createServer((_req, res) => {
    core.fetches++;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ keys: core.keys }));
  });
  await new Promise<void>((resolve) => core.server?.listen(0, '127.0.0.1', resolve));
  core.issuer = `http://127.0.0.1:${(core.server.address() as AddressInfo).port}`;
  return core;
}

const sign = (issuer: string, kid: string, privateKey: CryptoKey) => {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({
    course: crypto.randomUUID(),
    coursePhase: crypto.randomUUID(),
    role: 'student',
  })
    .setProtectedHeader({ alg: 'ES256', kid })
    .setSubject(crypto.randomUUID())
    .setAudience('phase:matching')
    .setIssuer(issuer)
    .setIssuedAt(now)
    .setExpirationTime(now + 3600)
    .sign(privateKey);
};

let close: (() => void) | undefined;
afterEach(() => {
  vi.useRealTimers();
  close?.();
});

describe('the key set of a phase server', () => {
  it('fetches once per cooldown, and refuses a retired key one cooldown later', async () => {
    const old = await keyPair('old');
    const next = await keyPair('next');
    const core = await startCore([old.jwk]);
    close = () => core.server?.close();
    const verify = createCoreTokenVerifier({ issuer: core.issuer, phase: 'matching' });
    const oldToken = await sign(core.issuer, 'old', old.privateKey);
    const nextToken = await sign(core.issuer, 'next', next.privateKey);
    vi.useFakeTimers({ toFake: ['Date'] });

    for (let i = 0; i < 20; i++) await verify(oldToken);
    expect(core.fetches).toBe(1);

    core.keys = [next.jwk]; // the core rotated immediately
    vi.setSystemTime(Date.now() + COOLDOWN_MS - 1);
    // Within the cooldown the core is not asked again, not even for an unknown kid.
    await expect(verify(nextToken)).rejects.toMatchObject({ code: 'CK_TOKEN_INVALID' });
    expect(core.fetches).toBe(1);

    vi.setSystemTime(Date.now() + 1);
    await expect(verify(oldToken)).rejects.toMatchObject({ code: 'CK_TOKEN_INVALID' });
    expect((await verify(nextToken)).role).toBe('student');
    expect(core.fetches).toBe(2);
  });

  it('keeps the known keys while the core is unreachable, until their max age', async () => {
    const key = await keyPair('k');
    const core = await startCore([key.jwk]);
    const verify = createCoreTokenVerifier({
      issuer: core.issuer,
      phase: 'matching',
      jwksCacheMaxAgeMs: MAX_AGE_MS,
    });
    const token = await sign(core.issuer, 'k', key.privateKey);
    const other = await sign(core.issuer, 'k', key.privateKey);
    await verify(token);
    await new Promise((resolve) => core.server?.close(resolve));
    vi.useFakeTimers({ toFake: ['Date'] });

    vi.setSystemTime(Date.now() + COOLDOWN_MS);
    expect((await verify(token)).role).toBe('student');
    expect((await verify(other)).role).toBe('student');

    vi.setSystemTime(Date.now() + MAX_AGE_MS);
    await expect(verify(other)).rejects.toMatchObject({ code: 'CK_CORE_UNREACHABLE' });
  });
});
