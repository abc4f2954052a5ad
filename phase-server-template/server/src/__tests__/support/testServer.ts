/**
 * The phase server under test: the real `buildServer` on a real database, trusting a fake core's
 * keys, driven with `inject()` (no port opened for it). `as(token)` sends a request with a token.
 */

import {
  type FakeCore,
  startFakeCore,
  type TokenOptions,
} from '@coursekit/phase-sdk/server/testing';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildServer } from '../../app.js';
import { type Config, loadConfig } from '../../config.js';
import { phaseNameOf } from '../../packageRoot.js';
import { createTestDb, type Engine, type TestDb } from './testDb.js';

export const HOST_ORIGIN = 'http://host.test';

export interface TestServer {
  app: FastifyInstance;
  config: Config;
  core: FakeCore;
  testDb: TestDb;
  /** `inject` with `Authorization: Bearer <a token signed with these options>`. */
  as(token: TokenOptions | string, options: InjectOptions): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export async function createTestServer(
  engine: Engine,
  env: Record<string, string> = {},
): Promise<TestServer> {
  const [testDb, core] = await Promise.all([createTestDb(engine), startFakeCore(phaseNameOf())]);
  const config = loadConfig({
    CORE_URL: core.origin,
    DATA_DIR: 'memory://',
    CORS_ORIGINS: HOST_ORIGIN,
    LOG_LEVEL: 'silent',
    ...env,
  });
  const app = await buildServer({ config, db: testDb.db });
  return {
    app,
    config,
    core,
    testDb,
    as: async (token, options) =>
      app.inject({
        ...options,
        headers: {
          ...options.headers,
          authorization: `Bearer ${typeof token === 'string' ? token : await core.sign(token)}`,
        },
      }),
    close: async () => {
      await app.close();
      await Promise.all([testDb.drop(), core.close()]);
    },
  };
}
