/**
 * Requests that Node's HTTP parser or Fastify's router refuse before any route runs, sent byte for
 * byte to a listening registry: each is answered with problem+json, a catalogue code and nosniff,
 * like every other answer. Directory requests under /remotes are a plain 404.
 */
import { probeMalformedRequests } from '@coursekit/phase-sdk/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/testApp.js';

describe('malformed requests to the registry', { timeout: 120_000 }, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('pglite', {}, { listen: true });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers each with problem+json and a catalogue code', async () => {
    const probes = await probeMalformedRequests(t.origin, {
      method: 'GET',
      prefix: '/api/courses/',
    });
    for (const probe of probes) expect(probe.answered, probe.name).toEqual(probe.expected);
  });
});
