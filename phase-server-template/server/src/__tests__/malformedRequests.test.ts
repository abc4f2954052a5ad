/**
 * Requests that Node's HTTP parser or Fastify's router refuse before any route runs, sent byte for
 * byte to this server listening on a port: the kit answers each with problem+json and a catalogue
 * code, like every other answer of the platform.
 */
import type { AddressInfo } from 'node:net';
import {
  createTestPhaseServer,
  probeMalformedRequests,
  type TestPhaseServer,
} from '@coursekit/phase-sdk/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { server } from '../server.js';

describe('malformed requests to the phase server', () => {
  let t: TestPhaseServer;
  let origin: string;
  beforeAll(async () => {
    t = await createTestPhaseServer(server);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    origin = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers each with problem+json and a catalogue code', async () => {
    const probes = await probeMalformedRequests(origin, { method: 'DELETE', prefix: '/notes/' });
    for (const probe of probes) expect(probe.answered, probe.name).toEqual(probe.expected);
  });
});
