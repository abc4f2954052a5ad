/**
 * Phase tokens end to end over real HTTP: the registry issues them and publishes its keys, a real
 * phase server verifies them with the SDK's `coreAuthPlugin`, and every forgery and stale grant is
 * refused with 401/403 and a problem+json reason.
 */
import { createHash } from 'node:crypto';
import { CoreTokenClaims, type PhaseToken, phaseAudience } from '@coursekit/phase-sdk/contract';
import { coreAuthPlugin, coreIdentity } from '@coursekit/phase-sdk/server';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  decodeJwt,
  decodeProtectedHeader,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JWK,
  SignJWT,
} from 'jose';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SigningKeyService } from '../modules/tokens/SigningKeyService.js';
import {
  type PhaseBuildServer,
  phaseBuild,
  startPhaseBuildServer,
} from './support/phaseBuildServer.js';
import { createTestApp, type TestApp } from './support/testApp.js';
import { ENGINES } from './support/testDb.js';

const ADMIN = 'admin@coursekit.test';
const LECTURER = 'lecturer@coursekit.test';
const STUDENT = 'student1@coursekit.test';
const STUDENT2 = 'student2@coursekit.test';

/** A phase server as a phase developer writes it: the SDK plugin on every route. */
async function startPhaseServer(issuer: string, phase: string) {
  const app = Fastify();
  // A short key-set cache so that the rotation test runs in a second instead of minutes.
  await app.register(coreAuthPlugin, { issuer, phase, jwksCacheMaxAgeMs: 300 });
  app.get('/healthz', { config: { public: true } }, async () => ({ status: 'ok' }));
  app.get('/whoami', async (request) => coreIdentity(request));
  app.get<{ Params: { courseId: string } }>('/courses/:courseId/things', async (request) => ({
    course: coreIdentity(request).courseId,
  }));
  app.get('/staff-only', { config: { roles: ['lecturer', 'editor'] } }, async () => ({ ok: true }));
  await app.listen({ port: 0, host: '127.0.0.1' });
  return { app, url: `http://127.0.0.1:${(app.server.address() as { port: number }).port}` };
}

describe.each(ENGINES)('phase tokens on %s', (engine) => {
  let t: TestApp;
  let builds: PhaseBuildServer;
  let matching: Awaited<ReturnType<typeof startPhaseServer>>;
  let intro: Awaited<ReturnType<typeof startPhaseServer>>;
  const coursePhases: Record<string, string> = {};
  let jwksRequests = 0;
  // The registry's clock for signing keys: it moves only when a test moves it, so a key's
  // propagation window passes when the test says, however slow the machine.
  let registryNow = Date.now();
  const clock = () => registryNow;
  // The phase servers' clock (their key-set cooldown, 300 ms here) moves past one cooldown for the
  // duration of `run`, and never back behind a time they have already seen.
  let phaseServerTime = 0;
  const oneCooldownLater = async (run: () => Promise<void>) => {
    phaseServerTime = Math.max(Date.now(), phaseServerTime) + 301;
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(phaseServerTime);
      await run();
    } finally {
      vi.useRealTimers();
    }
  };

  beforeAll(async () => {
    const countJwks = (app: FastifyInstance) =>
      app.addHook('onRequest', async (request) => {
        if (request.url === '/.well-known/jwks.json') jwksRequests++;
      });
    [t, builds] = await Promise.all([
      createTestApp(engine, {}, { listen: true, beforeListen: countJwks, clock }),
      startPhaseBuildServer(),
    ]);
    [matching, intro] = await Promise.all([
      startPhaseServer(t.origin, 'matching'),
      startPhaseServer(t.origin, 'intro-course'),
    ]);
    const servers: Record<string, { url: string }> = { matching, 'intro-course': intro };
    for (const [name, kind] of [
      ['intro-course', 'client-only'],
      ['matching', 'client-and-server'],
    ] as const) {
      builds.publish(`/${name}/1.0.0`, phaseBuild(name, '1.0.0', { descriptor: { kind } }));
      await t.as(ADMIN, {
        method: 'POST',
        url: '/api/phase-types',
        payload: { name, title: name, kind },
      });
      const registered = await t.as(ADMIN, {
        method: 'POST',
        url: `/api/phase-types/${name}/versions`,
        payload: {
          descriptorUrl: `${builds.origin}/${name}/1.0.0/phase.json`,
          serverUrl: servers[name]?.url,
        },
      });
      expect(registered.statusCode).toBe(201);
      const added = await t.as(LECTURER, {
        method: 'POST',
        url: `/api/courses/${t.courseId}/phases`,
        headers: { 'if-match': '*' },
        payload: { phase: name, title: name },
      });
      coursePhases[name] = added.json().id;
    }
  });
  afterAll(async () => {
    await Promise.all([matching?.app.close(), intro?.app.close(), builds?.close()]);
    await t?.close();
  });

  const tokenFor = async (email: string, phase = 'matching') =>
    t.as(email, { method: 'POST', url: `/api/course-phases/${coursePhases[phase]}/token` });
  const issued = async (email: string, phase = 'matching') => {
    const response = await tokenFor(email, phase);
    expect(response.statusCode).toBe(200);
    return (response.json() as PhaseToken).token;
  };
  const rotate = (payload: { immediate?: boolean }) =>
    t.as(ADMIN, { method: 'POST', url: '/api/admin/signing-keys/rotate', payload });
  const call = (server: { url: string }, path: string, token?: string) =>
    fetch(`${server.url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const refusal = async (response: Response) => ({
    status: response.status,
    type: response.headers.get('content-type'),
    code: ((await response.json()) as { code: string }).code,
  });
  const jwks = async () =>
    (await fetch(`${t.origin}/.well-known/jwks.json`).then((r) => r.json())) as { keys: JWK[] };
  /** The registry's current private key, read from the database as an attacker with a DB dump would. */
  const registryKey = async () => {
    const [row] = await t.testDb.db.query<{ kid: string; private_jwk: JWK }>(
      'SELECT kid, private_jwk FROM signing_keys WHERE activates_at <= $1 ORDER BY activates_at DESC LIMIT 1',
      [new Date(registryNow)],
    );
    if (!row) throw new Error('no signing key yet');
    return { kid: row.kid, key: await importJWK(row.private_jwk, 'ES256') };
  };
  const forge = async (
    claims: Record<string, unknown>,
    overrides: { exp?: number; nbf?: number } = {},
  ) => {
    const { kid, key } = await registryKey();
    const valid = decodeJwt(await issued(STUDENT));
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({
      ...valid,
      ...claims,
      exp: overrides.exp ?? now + 60,
      nbf: overrides.nbf ?? now,
    })
      .setProtectedHeader({ alg: 'ES256', kid })
      .sign(key);
  };

  it('issues an ES256 token with kid, subject, audience, course, course phase and role', async () => {
    const token = await issued(STUDENT);
    const header = decodeProtectedHeader(token);
    expect(header).toMatchObject({ alg: 'ES256', typ: 'JWT' });
    expect(header.kid).toBeTruthy();
    const claims = CoreTokenClaims.parse(decodeJwt(token));
    expect(claims).toMatchObject({
      aud: phaseAudience('matching'),
      iss: t.origin,
      course: t.courseId,
      coursePhase: coursePhases.matching,
      role: 'student',
    });
    expect(claims.exp - claims.iat).toBe(300);
    const published = await jwks();
    expect(published.keys.map((k) => k.kid)).toContain(header.kid);
    expect(published.keys.every((k) => k.d === undefined)).toBe(true);
  });

  it('lets the phase server verify it locally, with one JWKS fetch for many requests', async () => {
    const token = await issued(STUDENT);
    const before = jwksRequests;
    // However slow the machine, these requests fall within one cooldown of the key set.
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      for (let i = 0; i < 20; i++) {
        const response = await call(matching, '/whoami', token);
        expect(response.status).toBe(200);
        expect(await response.json()).toMatchObject({ courseId: t.courseId, role: 'student' });
      }
    } finally {
      vi.useRealTimers();
    }
    expect(jwksRequests - before).toBeLessThanOrEqual(1);
    expect((await call(matching, '/healthz')).status).toBe(200);
  });

  it('refuses a missing token with 401 and a reason', async () => {
    const response = await refusal(await call(matching, '/whoami'));
    expect(response).toMatchObject({ status: 401, code: 'CK_TOKEN_MISSING' });
    expect(response.type).toContain('application/problem+json');
  });

  it('refuses an expired token', async () => {
    const token = await forge({}, { exp: Math.floor(Date.now() / 1000) - 120 });
    expect(await refusal(await call(matching, '/whoami', token))).toMatchObject({
      status: 401,
      code: 'CK_TOKEN_EXPIRED',
    });
  });

  it('refuses a token that is not valid yet', async () => {
    const token = await forge({}, { nbf: Math.floor(Date.now() / 1000) + 600 });
    expect(await refusal(await call(matching, '/whoami', token))).toMatchObject({
      status: 401,
      code: 'CK_TOKEN_NOT_YET_VALID',
    });
  });

  it('refuses a tampered token', async () => {
    const [header, payload, signature] = (await issued(STUDENT)).split('.');
    const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString());
    const promoted = Buffer.from(JSON.stringify({ ...claims, role: 'lecturer' })).toString(
      'base64url',
    );
    const token = `${header}.${promoted}.${signature}`;
    expect(await refusal(await call(matching, '/staff-only', token))).toMatchObject({
      status: 401,
      code: 'CK_TOKEN_INVALID',
    });
  });

  it('refuses alg: none', async () => {
    const claims = decodeJwt(await issued(STUDENT));
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    const token = `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.`;
    expect(await refusal(await call(matching, '/whoami', token))).toMatchObject({
      status: 401,
      code: 'CK_TOKEN_INVALID',
    });
  });

  it('refuses HS256 signed with the public key', async () => {
    const claims = decodeJwt(await issued(STUDENT));
    const publicJwk = (await jwks()).keys[0] as JWK;
    const secret = new TextEncoder().encode(JSON.stringify(publicJwk));
    const token = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256', kid: publicJwk.kid })
      .sign(secret);
    expect(await refusal(await call(matching, '/whoami', token))).toMatchObject({
      status: 401,
      code: 'CK_TOKEN_INVALID',
    });
  });

  it('refuses a key the core does not publish, after refetching the key set once', async () => {
    const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
    const kid = createHash('sha256')
      .update(JSON.stringify(await exportJWK(publicKey)))
      .digest('hex');
    const claims = decodeJwt(await issued(STUDENT));
    const token = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256', kid })
      .sign(privateKey);
    const fresh = await startPhaseServer(t.origin, 'matching');
    try {
      const before = jwksRequests;
      expect(await refusal(await call(fresh, '/whoami', token))).toMatchObject({
        status: 401,
        code: 'CK_TOKEN_INVALID',
      });
      expect(jwksRequests - before).toBe(1);
    } finally {
      await fresh.app.close();
    }
  });

  it("refuses a token of phase A at phase B's server", async () => {
    const introToken = await issued(STUDENT, 'intro-course');
    expect((await call(intro, '/whoami', introToken)).status).toBe(200);
    expect(await refusal(await call(matching, '/whoami', introToken))).toMatchObject({
      status: 403,
      code: 'CK_TOKEN_WRONG_AUDIENCE',
    });
  });

  it('refuses a token for another course', async () => {
    const token = await issued(STUDENT);
    expect((await call(matching, `/courses/${t.courseId}/things`, token)).status).toBe(200);
    const other = '5b0d7a9e-0000-4000-8000-000000000000';
    expect(await refusal(await call(matching, `/courses/${other}/things`, token))).toMatchObject({
      status: 403,
      code: 'CK_TOKEN_WRONG_COURSE',
    });
  });

  it('refuses a role the route does not allow', async () => {
    expect(await refusal(await call(matching, '/staff-only', await issued(STUDENT)))).toMatchObject(
      {
        status: 403,
        code: 'CK_TOKEN_WRONG_ROLE',
      },
    );
    expect((await call(matching, '/staff-only', await issued(LECTURER))).status).toBe(200);
  });

  it('issues no token to non-members, removed members, or for a disabled course phase', async () => {
    const anonymous = await t.app.inject({
      method: 'POST',
      url: `/api/course-phases/${coursePhases.matching}/token`,
      headers: { 'x-coursekit-csrf': '1' },
    });
    expect(anonymous.statusCode).toBe(401);
    // Admins pass every other rule, but tokens speak for a member's role: an admin who is not a member gets none.
    expect((await tokenFor(ADMIN)).statusCode).toBe(403);

    expect((await tokenFor(STUDENT2)).statusCode).toBe(200);
    const me = await t.as(STUDENT2, { method: 'GET', url: '/api/me' });
    const removed = await t.as(LECTURER, {
      method: 'DELETE',
      url: `/api/courses/${t.courseId}/members/${me.json().user.id}`,
    });
    expect(removed.statusCode).toBe(204);
    const refused = await tokenFor(STUDENT2);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('CK_FORBIDDEN');

    const disable = (enabled: boolean) =>
      t.as(LECTURER, {
        method: 'PATCH',
        url: `/api/courses/${t.courseId}/phases/${coursePhases.matching}`,
        headers: { 'if-match': '*' },
        payload: { enabled },
      });
    expect((await disable(false)).statusCode).toBe(200);
    const disabled = await tokenFor(STUDENT);
    expect(disabled.statusCode).toBe(403);
    expect(disabled.json().code).toBe('CK_PHASE_DISABLED');
    expect((await disable(true)).statusCode).toBe(200);
    expect((await tokenFor(STUDENT)).statusCode).toBe(200);
  });

  it('rotates keys without downtime: a new key is published before it signs, the old one stays', async () => {
    const firstToken = await issued(STUDENT);
    const oldKid = decodeProtectedHeader(firstToken).kid;
    // The phase server caches the key set as it is before the rotation.
    expect((await call(matching, '/whoami', firstToken)).status).toBe(200);

    const rotated = await rotate({});
    expect(rotated.statusCode).toBe(200);
    const newKid = rotated.json().kid;
    const activatesAt = Date.parse(rotated.json().activatesAt);
    expect(activatesAt - registryNow).toBe(t.config.signingKeyPropagationMs);
    // Published at once, but not signing yet: not even a millisecond before its time.
    expect((await jwks()).keys.map((k) => k.kid)).toEqual([newKid, oldKid]);
    registryNow = activatesAt - 1;
    const oldToken = await issued(STUDENT);
    expect(decodeProtectedHeader(oldToken).kid).toBe(oldKid);

    registryNow = activatesAt;
    const newToken = await issued(STUDENT);
    expect(decodeProtectedHeader(newToken).kid).toBe(newKid);
    // Another replica (its own key service on the same database) signs with the new key too.
    const replica = new SigningKeyService(
      t.testDb.db,
      {
        rotationMs: t.config.signingKeyRotationMs,
        propagationMs: t.config.signingKeyPropagationMs,
      },
      undefined,
      clock,
    );
    expect((await replica.signingKey()).kid).toBe(newKid);
    // The propagation window is far longer than the phase server's key-set cooldown (300 ms here),
    // so by the time the new key signs, the phase server has refreshed its key set at least once
    // after the key was published: its clock moves by one cooldown. It accepts the token signed
    // just before the switch and the one signed after it, with no refusal in between.
    await oneCooldownLater(async () => {
      expect((await call(matching, '/whoami', newToken)).status).toBe(200);
      expect((await call(matching, '/whoami', oldToken)).status).toBe(200);
    });
  });

  it('rotates immediately after a compromise: the old key is retired for the JWKS, the gateway and phase servers', async () => {
    const oldToken = await issued(STUDENT);
    const oldKid = decodeProtectedHeader(oldToken).kid;
    const viaGateway = (token: string) =>
      fetch(`${t.origin}/phase-api/matching/whoami`, {
        headers: { authorization: `Bearer ${token}` },
      });
    // Both have verified (and cached) the old token before the compromise is noticed.
    expect((await viaGateway(oldToken)).status).toBe(200);
    expect((await call(matching, '/whoami', oldToken)).status).toBe(200);
    const pending = await rotate({});
    expect(pending.statusCode).toBe(200);

    const rotated = await rotate({ immediate: true });
    expect(rotated.statusCode).toBe(200);
    const newKid = rotated.json().kid;
    // Every other key is gone, the pending one included (its private key was as exposed).
    expect((await jwks()).keys.map((k) => k.kid)).toEqual([newKid]);
    expect(rotated.json().retired).toEqual(expect.arrayContaining([oldKid, pending.json().kid]));
    const newToken = await issued(STUDENT);
    expect(decodeProtectedHeader(newToken).kid).toBe(newKid);

    // The gateway decides with the registry's own keys: refused at once, though it was cached.
    expect(await refusal(await viaGateway(oldToken))).toMatchObject({
      status: 401,
      code: 'CK_TOKEN_INVALID',
    });

    // A phase server uses a key set for one cooldown at most (300 ms for this server, 10 s by
    // default) before a request makes it refetch: one cooldown after its last fetch, the old key is
    // refused (its cached tokens too) and the new one accepted.
    await oneCooldownLater(async () => {
      expect(await refusal(await call(matching, '/whoami', oldToken))).toMatchObject({
        status: 401,
        code: 'CK_TOKEN_INVALID',
      });
      expect((await call(matching, '/whoami', newToken)).status).toBe(200);
      expect((await viaGateway(newToken)).status).toBe(200);
    });
  });
});
