/**
 * The registry's OpenAPI document passes an independent validator (the OpenAPI JSON schemas, every
 * `$ref` resolved) in both sign-in modes, whose routes differ. Regression: 13 `$ref`s pointed to
 * `#/components/schemas/schema0` (the JSON type of documents and configs) while no component
 * existed, and client generators refused the document.
 */
import { findOpenApiProblems } from '@coursekit/phase-sdk/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, freePort, type TestApp } from './support/testApp.js';

describe.each([
  ['dev sign-in', '/api/auth/dev-login', async () => ({})],
  [
    'OpenID Connect sign-in',
    '/api/auth/oidc/login',
    // The provider is never asked: building the server does not discover it.
    async () => ({
      AUTH_MODE: 'oidc',
      OIDC_ISSUER: `http://127.0.0.1:${await freePort()}`,
      OIDC_CLIENT_ID: 'coursekit',
    }),
  ],
] as const)('the registry OpenAPI document with %s', (_mode, signInPath, env) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp('pglite', await env());
  });
  afterAll(async () => t?.close());

  it('passes an independent OpenAPI validator', async () => {
    const response = await t.app.inject({ url: '/api/openapi.json' });
    expect(response.statusCode).toBe(200);
    const doc = response.json();
    expect(Object.keys(doc.paths)).toContain(signInPath);
    expect(await findOpenApiProblems(doc)).toEqual([]);
  });
});
