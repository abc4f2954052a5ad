/**
 * Test databases for the registry: the SDK's (PGlite in memory, or a throwaway database on the
 * PostgreSQL server of `TEST_DATABASE_URL`, dropped afterwards) with the registry's migrations.
 */
import {
  createTestDb as createSdkTestDb,
  type Engine,
  type TestDb,
} from '@coursekit/phase-sdk/server/testing';
import { REGISTRY_MIGRATIONS } from '../../db/openRegistryDb.js';

export {
  ENGINES,
  type Engine,
  TEST_DATABASE_URL,
  type TestDb,
} from '@coursekit/phase-sdk/server/testing';

export const createTestDb = (engine: Engine): Promise<TestDb> =>
  createSdkTestDb(engine, REGISTRY_MIGRATIONS);
