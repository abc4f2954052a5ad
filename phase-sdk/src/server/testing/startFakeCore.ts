/**
 * A stand-in for the registry in a phase server's tests: it publishes a real ES256 key set at
 * `/.well-known/jwks.json` on a local port and signs phase tokens with it, exactly like the core, so
 * the server under test verifies them through the SDK's real code path (JWKS fetch included).
 *
 * @example
 * const core = await startFakeCore('matching');
 * const app = await buildServer({ ...config, coreUrl: core.origin });
 * await app.inject({ url: '/topics', headers: { authorization: `Bearer ${await core.sign({ role: 'lecturer' })}` } });
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import type { CourseRole } from '../../contract/index.js';

export interface TokenOptions {
  role?: CourseRole;
  userId?: string;
  courseId?: string;
  coursePhaseId?: string;
  /** Default `phase:<the phase under test>`. */
  audience?: string;
  expiresInSeconds?: number;
  /** Sign with a key the core does not publish (a forgery). */
  forged?: boolean;
}

export interface FakeCore {
  /** The issuer of its tokens, i.e. what the server gets as CORE_URL. */
  origin: string;
  sign(options?: TokenOptions): Promise<string>;
  close(): Promise<void>;
}

export const COURSE_ID = '00000000-0000-4000-8000-0000000000c1';
export const COURSE_PHASE_ID = '00000000-0000-4000-8000-0000000000f1';

export async function startFakeCore(phase: string): Promise<FakeCore> {
  const kid = `test-${randomUUID()}`;
  const { publicKey, privateKey } = await generateKeyPair('ES256');
  const forger = await generateKeyPair('ES256');
  const jwks = JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid, alg: 'ES256' }] });

  const server = createServer((request, response) => {
    if (request.url === '/.well-known/jwks.json') {
      response.writeHead(200, { 'content-type': 'application/json' }).end(jwks);
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    origin,
    sign: (options = {}) => {
      const now = Math.floor(Date.now() / 1000);
      return new SignJWT({
        course: options.courseId ?? COURSE_ID,
        coursePhase: options.coursePhaseId ?? COURSE_PHASE_ID,
        role: options.role ?? 'student',
      })
        .setProtectedHeader({ alg: 'ES256', kid })
        .setSubject(options.userId ?? randomUUID())
        .setAudience(options.audience ?? `phase:${phase}`)
        .setIssuer(origin)
        .setIssuedAt(now)
        .setExpirationTime(now + (options.expiresInSeconds ?? 300))
        .sign(options.forged ? forger.privateKey : privateKey);
    },
    close: () =>
      new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      ),
  };
}
