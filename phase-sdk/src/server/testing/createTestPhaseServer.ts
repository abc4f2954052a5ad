/**
 * A phase server under test: the phase's real server (`createPhaseServer`) on a real database,
 * trusting a stand-in core's keys, driven with `inject()` (no port opened for it). `as(token, …)`
 * sends a request with a phase token signed by that core.
 */
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import type { PhaseServer } from '../kit/createPhaseServer.js';
import type { PhaseServerConfig } from '../kit/loadPhaseServerConfig.js';
import { createTestDb, type Engine, type TestDb } from './createTestDb.js';
import { type FakeCore, startFakeCore, type TokenOptions } from './startFakeCore.js';

/** The origin the test server's CORS accepts, as a host page would be. */
export const HOST_ORIGIN = 'http://host.test';

export interface TestPhaseServer {
  app: FastifyInstance;
  config: PhaseServerConfig;
  core: FakeCore;
  testDb: TestDb;
  /** `inject` with `Authorization: Bearer <a token signed with these options>`. */
  as(token: TokenOptions | string, options: InjectOptions): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

/**
 * @example
 * const t = await createTestPhaseServer(server, { engine: 'pglite' });
 * const response = await t.as({ role: 'lecturer' }, { method: 'GET', url: '/notes' });
 */
export async function createTestPhaseServer(
  server: PhaseServer,
  options: { engine?: Engine; env?: Record<string, string> } = {},
): Promise<TestPhaseServer> {
  const [testDb, core] = await Promise.all([
    createTestDb(options.engine ?? 'pglite', server.migrations),
    startFakeCore(server.phase),
  ]);
  const config = server.loadConfig({
    CORE_URL: core.origin,
    DATA_DIR: 'memory://',
    CORS_ORIGINS: HOST_ORIGIN,
    LOG_LEVEL: 'silent',
    ...options.env,
  });
  const app = await server.build({ config, db: testDb.db });
  return {
    app,
    config,
    core,
    testDb,
    as: async (token, inject) =>
      app.inject({
        ...inject,
        headers: {
          ...inject.headers,
          authorization: `Bearer ${typeof token === 'string' ? token : await core.sign(token)}`,
        },
      }),
    close: async () => {
      await app.close();
      await Promise.all([testDb.drop(), core.close()]);
    },
  };
}
