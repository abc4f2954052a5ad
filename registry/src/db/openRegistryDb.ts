/**
 * The registry's database: the SDK's data layer (PGlite or PostgreSQL behind one `Db` interface,
 * the same one phase servers use) with the registry's migrations from `registry/migrations/`, in the
 * default schema, under the advisory lock key the registry has always taken.
 */
import { fileURLToPath } from 'node:url';
import {
  type Db,
  type DbOptions,
  type MigrationOptions,
  openDb,
} from '@coursekit/phase-sdk/server';

export const REGISTRY_MIGRATIONS: MigrationOptions = {
  dir: fileURLToPath(new URL('../../migrations/', import.meta.url)),
  lockKey: 7_240_001,
};

/** Open the configured database and bring the registry's schema up to date. */
export function openRegistryDb(options: Omit<DbOptions, 'migrations'>): Promise<Db> {
  return openDb({ ...options, migrations: REGISTRY_MIGRATIONS });
}
