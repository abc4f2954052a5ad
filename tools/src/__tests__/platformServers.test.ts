/** Every server of `npm start` takes its port and the core's URL from the registry's variables. */
import { describe, expect, it } from 'vitest';
import { platformServers } from '../platformServers.js';

const ROOT = '/repo';
const byName = (env: NodeJS.ProcessEnv) =>
  Object.fromEntries(platformServers(env, ROOT).map((server) => [server.name, server]));

describe('platformServers', () => {
  it('regression: PORT=4001 moves the matching server and its core URL too (both bound 4001)', () => {
    const { registry, matching } = byName({ PORT: '4001' });
    expect(registry?.env).toMatchObject({
      PORT: '4001',
      COURSEKIT_SEED_PHASE_SERVERS: 'matching=http://localhost:4103',
    });
    expect(matching?.env).toMatchObject({
      PHASE_SERVER_PORT: '4103',
      CORE_URL: 'http://localhost:4001',
      CORE_JWKS_URL: 'http://localhost:4001/.well-known/jwks.json',
    });
    expect(matching?.env).not.toHaveProperty('PORT');
    expect([registry?.url, matching?.url]).toEqual([
      'http://localhost:4001',
      'http://localhost:4103',
    ]);
  });

  it('keeps the documented defaults: 4000 and 4102', () => {
    const { registry, matching } = byName({});
    expect([registry?.port, matching?.port]).toEqual([4000, 4102]);
  });

  it('gives each server its own variables: MATCHING_PORT, PUBLIC_URL as the issuer, one data root', () => {
    const { matching } = byName({
      PORT: '4010',
      MATCHING_PORT: '4020',
      HOST: '0.0.0.0',
      PUBLIC_URL: 'https://coursekit.example/',
      COURSEKIT_DATA_DIR: '/var/lib/coursekit',
    });
    expect(matching?.env).toEqual({
      PHASE_SERVER_PORT: '4020',
      PHASE_SERVER_HOST: '0.0.0.0',
      CORE_URL: 'https://coursekit.example',
      CORE_JWKS_URL: 'http://localhost:4010/.well-known/jwks.json',
      DATA_DIR: '/var/lib/coursekit/phases/matching',
    });
    expect(matching?.url).toBe('http://localhost:4020');
  });

  it('refuses a port that is not one, naming the variable', () => {
    expect(() => platformServers({ PORT: 'eighty' }, ROOT)).toThrow(
      /PORT must be a port number from 1 to 65535 \(got "eighty"\)/,
    );
    expect(() => platformServers({ PORT: '4000', MATCHING_PORT: '4000' }, ROOT)).toThrow(
      /MATCHING_PORT and PORT are both 4000/,
    );
  });
});
