/**
 * Publishing rights: admins make users publishers of one phase and create API tokens for them;
 * the publish route accepts a token instead of a session, only for the token's phase, only while
 * it is neither revoked nor expired and its user still publishes that phase. Secrets are shown
 * once and stored hashed; every grant, token and publish is audited.
 */
import { CSRF_HEADER } from '@coursekit/phase-sdk/client';
import { AuditPage, CreatedApiToken } from '@coursekit/phase-sdk/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { phaseBuild, uploadBody } from './support/phaseBuildServer.js';
import { createTestApp, type TestApp } from './support/testApp.js';

const ADMIN = 'admin@coursekit.test';
const DEVELOPER = 'student1@coursekit.test';
const LECTURER = 'lecturer@coursekit.test';

describe('publishing rights', () => {
  let t: TestApp;
  let version = 0;

  beforeAll(async () => {
    t = await createTestApp('pglite');
  });
  afterAll(async () => {
    await t?.close();
  });

  const admin = (options: Parameters<TestApp['as']>[1]) => t.as(ADMIN, options);
  const grant = (phase: string, email = DEVELOPER) =>
    admin({ method: 'POST', url: '/api/admin/phase-publishers', payload: { phase, email } });
  const createToken = async (payload: Record<string, unknown>) => {
    const response = await admin({ method: 'POST', url: '/api/admin/api-tokens', payload });
    expect(response.statusCode, response.body).toBe(201);
    return CreatedApiToken.parse(response.json());
  };
  /** Publish a fresh version of `phase` with `token` (no session cookie at all). */
  const publishWith = (token: string, phase: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/phase-bundles',
      headers: { [CSRF_HEADER]: '1', authorization: `Bearer ${token}` },
      payload: uploadBody(phaseBuild(phase, `1.0.${++version}`)),
    });
  const newestAudit = async () =>
    AuditPage.parse((await admin({ method: 'GET', url: '/api/admin/audit?limit=1' })).json())
      .items[0];

  it('lets a publisher with a token for their phase publish it, audited with the token', async () => {
    expect((await grant('quiz')).statusCode).toBe(200);
    const { token, apiToken } = await createToken({
      email: DEVELOPER,
      name: 'quiz CI',
      phase: 'quiz',
    });
    expect(apiToken).toMatchObject({ phase: 'quiz', user: { email: DEVELOPER }, revokedAt: null });

    const published = await publishWith(token, 'quiz');
    expect(published.statusCode, published.body).toBe(201);
    expect(await newestAudit()).toMatchObject({
      action: 'phase-version.publish',
      actor: { email: DEVELOPER },
      phaseType: 'quiz',
      after: { publishedWith: { apiToken: apiToken.id, name: 'quiz CI' } },
    });
    const listed = (await admin({ method: 'GET', url: '/api/admin/api-tokens' })).json();
    expect(
      listed.find((item: { id: string }) => item.id === apiToken.id).lastUsedAt,
    ).not.toBeNull();
  });

  it('shows the secret once and stores only its hash', async () => {
    const { token, apiToken } = await createToken({ email: ADMIN, name: 'hash', phase: null });
    const listed = await admin({ method: 'GET', url: '/api/admin/api-tokens' });
    expect(listed.body).not.toContain(token);
    const rows = await t.testDb.db.query<{ token_hash: string }>(
      'SELECT token_hash FROM api_tokens WHERE id = $1',
      [apiToken.id],
    );
    expect(rows[0]?.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(rows)).not.toContain(token.slice(4));
  });

  it('refuses a token for phase X publishing phase Y with 403 naming both', async () => {
    const { token } = await createToken({ email: DEVELOPER, name: 'quiz only', phase: 'quiz' });
    await grant('survey');
    const response = await publishWith(token, 'survey');
    expect(response.statusCode).toBe(403);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({ code: 'CK_NOT_PUBLISHER' });
    expect(response.json().detail).toMatch(/may publish "quiz" only, not "survey"/);
    const list = await admin({ method: 'GET', url: '/api/phase-types/survey/versions' });
    expect(list.statusCode).toBe(404);
  });

  it('lets an admin token for every phase publish any phase', async () => {
    const { token } = await createToken({ email: ADMIN, name: 'release bot', phase: null });
    expect((await publishWith(token, `any-${version}`)).statusCode).toBe(201);
  });

  it('refuses revoked, expired and unknown tokens with 401 saying which', async () => {
    const revoked = await createToken({ email: DEVELOPER, name: 'to revoke', phase: 'quiz' });
    const revoke = await admin({
      method: 'DELETE',
      url: `/api/admin/api-tokens/${revoked.apiToken.id}`,
    });
    expect(revoke.statusCode).toBe(200);
    expect(revoke.json().revokedAt).not.toBeNull();
    expect(await newestAudit()).toMatchObject({ action: 'api-token.revoke' });
    const afterRevoke = await publishWith(revoked.token, 'quiz');
    expect(afterRevoke.statusCode).toBe(401);
    expect(afterRevoke.json()).toMatchObject({ code: 'CK_API_TOKEN_INVALID' });
    expect(afterRevoke.json().detail).toMatch(/"to revoke" was revoked/);

    const expired = await createToken({ email: DEVELOPER, name: 'old', phase: 'quiz' });
    await t.testDb.db.query(
      "UPDATE api_tokens SET expires_at = now() - interval '1 minute' WHERE id = $1",
      [expired.apiToken.id],
    );
    const afterExpiry = await publishWith(expired.token, 'quiz');
    expect(afterExpiry.statusCode).toBe(401);
    expect(afterExpiry.json().detail).toMatch(/"old" expired on/);

    const unknown = await publishWith(`ckp_${'x'.repeat(43)}`, 'quiz');
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json().detail).toMatch(/unknown/);
  });

  it('disables tokens of a publisher whose role is revoked', async () => {
    const granted = (await grant('poll')).json();
    const { token } = await createToken({ email: DEVELOPER, name: 'poll', phase: 'poll' });
    expect((await publishWith(token, 'poll')).statusCode).toBe(201);
    const revoke = await admin({
      method: 'DELETE',
      url: `/api/admin/phase-publishers/poll/${granted.user.id}`,
    });
    expect(revoke.statusCode).toBe(204);
    const refused = await publishWith(token, 'poll');
    expect(refused.statusCode).toBe(403);
    expect(refused.json().detail).toMatch(/not a publisher of "poll"/);
  });

  it('gives tokens only to users who may publish their scope', async () => {
    const notPublisher = await admin({
      method: 'POST',
      url: '/api/admin/api-tokens',
      payload: { email: LECTURER, name: 'x', phase: 'quiz' },
    });
    expect(notPublisher.statusCode).toBe(400);
    expect(notPublisher.json().errors).toEqual([
      { path: 'body.phase', message: expect.stringMatching(/not a publisher of "quiz"/) },
    ]);
    const everyPhase = await admin({
      method: 'POST',
      url: '/api/admin/api-tokens',
      payload: { email: DEVELOPER, name: 'x', phase: null },
    });
    expect(everyPhase.statusCode).toBe(400);
    expect(everyPhase.json().detail).toMatch(/Only administrators may publish every phase/);
    const unknownUser = await admin({
      method: 'POST',
      url: '/api/admin/api-tokens',
      payload: { email: 'nobody@coursekit.test', name: 'x', phase: null },
    });
    expect(unknownUser.statusCode).toBe(400);
    const tooLong = await admin({
      method: 'POST',
      url: '/api/admin/api-tokens',
      payload: { email: ADMIN, name: 'x', phase: null, expiresInDays: 366 },
    });
    expect(tooLong.statusCode).toBe(400);
  });

  it('accepts API tokens on the publish route only', async () => {
    const { token } = await createToken({ email: ADMIN, name: 'narrow', phase: null });
    const me = await t.app.inject({
      method: 'GET',
      url: '/api/me',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(me.statusCode).toBe(403);
    expect(me.json().detail).toMatch(/API tokens may only publish phases/);
  });

  it('acts on no API route but publishing, even beside a session cookie: every route, from the document', async () => {
    const { token } = await createToken({ email: ADMIN, name: 'everywhere', phase: null });
    const doc = (await t.app.inject({ url: '/api/openapi.json' })).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    // Outside /api nothing reads a session or a token (health probes, the key set).
    const api = Object.entries(doc.paths).filter(([path]) => path.startsWith('/api/'));
    const routes = api.flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => ({
        method: method.toUpperCase() as 'GET',
        // Any value will do: the token is refused before parameters are read.
        url: path.replace(/\{[^}]+\}/g, '00000000-0000-4000-8000-000000000000'),
      })),
    );
    routes.push({ method: 'GET', url: '/api/openapi.json' });
    const audited = async () =>
      (await t.testDb.db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log'))[0]?.n;
    const before = await audited();
    const cookie = await t.cookieOf(ADMIN);
    const allowed: string[] = [];
    for (const route of routes) {
      const response = await t.app.inject({
        ...route,
        headers: { [CSRF_HEADER]: '1', cookie, authorization: `Bearer ${token}` },
        ...(route.method === 'GET' || route.method === 'DELETE' ? {} : { payload: {} }),
      });
      if (response.statusCode !== 403 || !/API tokens may only publish/.test(response.body))
        allowed.push(`${route.method} ${route.url} → ${response.statusCode}`);
    }
    expect(routes.length).toBeGreaterThan(40);
    // The publish route reads the token and then the (empty) upload, which it refuses.
    expect(allowed).toEqual(['POST /api/phase-bundles → 400']);
    expect(await audited()).toBe(before);
  });

  it('lets a publisher publish their phase with a session too, and nothing else', async () => {
    const own = await t.as(DEVELOPER, {
      method: 'POST',
      url: '/api/phase-bundles',
      payload: uploadBody(phaseBuild('quiz', `1.0.${++version}`)),
    });
    expect(own.statusCode, own.body).toBe(201);
    const other = await t.as(DEVELOPER, {
      method: 'POST',
      url: '/api/phase-bundles',
      payload: uploadBody(phaseBuild('matching', `1.0.${++version}`)),
    });
    expect(other.statusCode).toBe(403);
    expect(other.json().code).toBe('CK_NOT_PUBLISHER');
  });
});
