/**
 * `probeBadInput` for a phase server, in one call: builds the server under test (recording every
 * route it registers, the kit's included), lets the test create what the routes refer to, sends
 * malformed requests with a student's, a lecturer's, an editor's and a forged token, and checks
 * them against the platform's catalogue, the token codes and the phase's own codes. State is
 * every table of the phase's schema.
 */

import { CORE_AUTH_ERRORS } from '../CoreAuthError.js';
import type { PhaseServer } from '../kit/createPhaseServer.js';
import { type ErrorEntry, PLATFORM_ERRORS } from '../problem/defineErrorCatalogue.js';
import type { Engine } from './createTestDb.js';
import { createTestPhaseServer, type TestPhaseServer } from './createTestPhaseServer.js';
import { probeBadInput } from './probeBadInput.js';
import { recordRoutes } from './recordRoutes.js';
import { snapshotTables } from './snapshotTables.js';

export interface PhaseServerProbeOptions {
  engine?: Engine;
  /**
   * Create what the routes refer to and name it: values by parameter or field name
   * (`{ topicId: [topic.id] }`); requests use them beside generated ones.
   */
  setup?: (t: TestPhaseServer) => Promise<Record<string, readonly unknown[]>>;
  /** The phase's own error codes (`defineErrorCatalogue(...).entries`). */
  catalogue?: Readonly<Record<string, ErrorEntry>>;
  /** Random requests per route and method; default 25. */
  numRuns?: number;
}

/**
 * @example
 * it('answers bad input with 4xx problems and writes nothing', () =>
 *   probePhaseServer(server, { setup: async (t) => ({ noteId: [await aNote(t)] }) }));
 */
export async function probePhaseServer(
  server: PhaseServer,
  options: PhaseServerProbeOptions = {},
): Promise<void> {
  const recorder = recordRoutes();
  let t: TestPhaseServer;
  try {
    t = await createTestPhaseServer(server, options.engine ? { engine: options.engine } : {});
  } finally {
    recorder.stop();
  }
  try {
    const known = (await options.setup?.(t)) ?? {};
    const callers = [
      ...(await Promise.all(
        (['student', 'lecturer', 'editor'] as const).map((role) => t.core.sign({ role })),
      )),
      'not-a-token',
    ];
    await probeBadInput({
      routes: recorder.routesOf(t.app),
      callers,
      send: (request, token) => t.as(token, request),
      known,
      catalogue: { ...PLATFORM_ERRORS, ...CORE_AUTH_ERRORS, ...options.catalogue },
      snapshot: snapshotTables(t.testDb.db, {
        schema: server.migrations.schema,
        except: ['schema_migrations'],
      }),
      ...(options.numRuns === undefined ? {} : { numRuns: options.numRuns }),
    });
  } finally {
    await t.close();
  }
}
