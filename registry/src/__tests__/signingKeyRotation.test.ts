/**
 * Signing-key rotation whatever the timing: ordinary rotations inside the propagation window are
 * refused with 409 (one pending key at a time, also when replicas race), and the published key set
 * always holds the active key, even in a database where earlier code stacked pending keys.
 */
import { exportJWK, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SigningKeyService } from '../modules/tokens/SigningKeyService.js';
import { createTestApp, type TestApp } from './support/testApp.js';
import { ENGINES } from './support/testDb.js';

const ADMIN = 'admin@coursekit.test';

describe.each(ENGINES)('signing-key rotation on %s', (engine) => {
  let t: TestApp;

  beforeAll(async () => {
    // The default propagation window (7 minutes): every rotation here falls inside it.
    t = await createTestApp(engine);
  });
  afterAll(() => t?.close());

  const rotate = () =>
    t.as(ADMIN, { method: 'POST', url: '/api/admin/signing-keys/rotate', payload: {} });
  const jwks = async () => {
    const response = await t.app.inject({ url: '/.well-known/jwks.json' });
    expect(response.statusCode).toBe(200);
    return (response.json() as { keys: { kid: string }[] }).keys.map((key) => key.kid);
  };
  const activeKid = async () =>
    new SigningKeyService(t.testDb.db, {
      rotationMs: t.config.signingKeyRotationMs,
      propagationMs: t.config.signingKeyPropagationMs,
    })
      .signingKey()
      .then((key) => key.kid);

  it('four rotations inside the propagation window never make the JWKS answer 500', async () => {
    const active = await activeKid();
    const first = await rotate();
    expect(first.statusCode).toBe(200);
    for (let i = 0; i < 3; i++) {
      const again = await rotate();
      expect(again.statusCode).toBe(409);
      expect(again.json()).toMatchObject({
        code: 'CK_ROTATION_PENDING',
        pending: { kid: first.json().kid },
      });
    }
    expect(await jwks()).toEqual([first.json().kid, active]);
    expect(await activeKid()).toBe(active);
  });

  it('lets exactly one of concurrent rotations through', async () => {
    await t.as(ADMIN, {
      method: 'POST',
      url: '/api/admin/signing-keys/rotate',
      payload: { immediate: true },
    });
    const answers = await Promise.all(Array.from({ length: 4 }, rotate));
    expect(answers.map((answer) => answer.statusCode).sort()).toEqual([200, 409, 409, 409]);
    expect(await jwks()).toHaveLength(2);
  });

  it('publishes the active key even when a database holds stacked pending keys', async () => {
    const active = await activeKid();
    // What four ordinary rotations in a row left behind before they were refused.
    for (let i = 0; i < 4; i++) {
      const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
      await t.testDb.db.query(
        `INSERT INTO signing_keys (kid, public_jwk, private_jwk, activates_at)
         VALUES ($1, $2::jsonb, $3::jsonb, now() + interval '1 hour')`,
        [
          `stacked-${i}`,
          JSON.stringify(await exportJWK(publicKey)),
          JSON.stringify(await exportJWK(privateKey)),
        ],
      );
    }
    const published = await new SigningKeyService(t.testDb.db, {
      rotationMs: t.config.signingKeyRotationMs,
      propagationMs: t.config.signingKeyPropagationMs,
    }).jwks();
    expect(published.keys.map((key) => key.kid)).toContain(active);
    expect(await activeKid()).toBe(active);
  });
});
