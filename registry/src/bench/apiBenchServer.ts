/**
 * The registry half of `npm run bench`'s API rows: the registry as `npm start` builds it, and
 * beside it, on the same database and in the same process, a bare Fastify server whose routes do
 * the same I/O as the registry route they are compared with and nothing else (no session, no
 * authorization, no contract validation, no hooks). The ratio of the two is what the registry
 * costs over the framework and the database it stands on.
 *
 * Run by `e2e/bench/bench.mjs` (never by tests): `node dist/bench/apiBenchServer.js` with
 * `BENCH_DB` (`pglite`, the default, or a PostgreSQL URL: a throwaway database is created on that
 * server and dropped at the end), `REGISTRY_PORT` and `BARE_PORT`. It prints one JSON line with
 * what the bench needs once both listen, and stops on SIGTERM. `GET /control/cpu` on the bare port
 * tells the process's CPU time so far (for CPU per request); `POST /control/scale` on the bare
 * port adds `courses` courses of `phases` phases each, in bulk SQL, for the resolve-at-scale row.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDb } from '@coursekit/phase-sdk/server/testing';
import Fastify from 'fastify';
import { buildServer } from '../app.js';
import { ALL_TOPICS } from '../cache/ChangeFeed.js';
import { loadConfig } from '../config.js';
import { openRegistryDb, REGISTRY_MIGRATIONS } from '../db/openRegistryDb.js';
import { type DocumentKey, StorageRepository } from '../modules/storage/storageRepository.js';
import { SEED_COURSE, seed } from '../seed/seed.js';

/** Students who write at once in the write row: one per connection, each on their own document. */
export const BENCH_WRITERS = 50;

const target = process.env.BENCH_DB ?? 'pglite';
const registryPort = Number(process.env.REGISTRY_PORT ?? 4391);
const barePort = Number(process.env.BARE_PORT ?? 4392);
const dataDir = mkdtempSync(join(tmpdir(), 'coursekit-api-bench-'));

async function openDatabase() {
  if (target === 'pglite') {
    const db = await openRegistryDb({ dataDir: join(dataDir, 'db') });
    return { db, databaseUrl: undefined, drop: () => db.close() };
  }
  process.env.TEST_DATABASE_URL = target;
  const testDb = await createTestDb('postgres', REGISTRY_MIGRATIONS);
  const [row] = await testDb.db.query<{ name: string }>('SELECT current_database() AS name');
  const url = new URL(target);
  url.pathname = `/${row?.name}`;
  return { db: testDb.db, databaseUrl: url.toString(), drop: () => testDb.drop() };
}

const { db, databaseUrl, drop } = await openDatabase();
const config = {
  ...loadConfig({
    PORT: String(registryPort),
    PUBLIC_URL: `http://127.0.0.1:${registryPort}`,
    COURSEKIT_DATA_DIR: dataDir,
    COURSEKIT_MODE: 'development',
    LOG_LEVEL: 'warn',
    LOG_FORMAT: 'json',
    SIGN_IN_RATE_LIMIT: '100000',
    HEALTH_PROBE_INTERVAL_SECONDS: '0',
  }),
  databaseUrl,
};
const app = await buildServer({ config, db });
await app.listen({ port: registryPort, host: '127.0.0.1' });
await seed(db, config, app.log);

// Writers: students of the sample course, each writing their own document.
const [course] = await db.query<{ id: string }>('SELECT id FROM courses WHERE slug = $1', [
  SEED_COURSE.slug,
]);
if (!course) throw new Error('Bug: the seed created no course.');
await db.query(
  `WITH u AS (
     INSERT INTO users (email, name, is_admin)
     SELECT 'bench' || i || '@coursekit.test', 'Bench ' || i, false FROM generate_series(1, $2::int) i
     ON CONFLICT (email) DO UPDATE SET name = EXCLUDED.name RETURNING id)
   INSERT INTO course_members (course_id, user_id, role) SELECT $1, id, 'student' FROM u
   ON CONFLICT DO NOTHING`,
  [course.id, BENCH_WRITERS],
);
const [coursePhase] = await db.query<{ id: string }>(
  'SELECT id FROM course_phases WHERE course_id = $1 ORDER BY position LIMIT 1',
  [course.id],
);
if (!coursePhase) throw new Error('The sample course has no phase: build the sample phases first.');
await app.changes.publish(ALL_TOPICS);

const storage = new StorageRepository(db);
const keyOf = (userId: string): DocumentKey => ({
  kind: 'participant',
  coursePhaseId: coursePhase.id,
  userId,
  scope: 'own',
});

const bare = Fastify({ logger: false });
let resolveBody = '{}';
// The same JSON as the resolve route, from memory: what a cached answer costs at best.
bare.get('/resolve', (_request, reply) => reply.type('application/json').send(resolveBody));
bare.put('/resolve', async (request) => {
  resolveBody = JSON.stringify(request.body);
  return { ok: true };
});
// The storage routes' own SQL, and nothing else.
bare.get<{ Params: { userId: string } }>('/read/:userId', (request) =>
  storage.read(keyOf(request.params.userId)),
);
bare.put<{ Params: { userId: string }; Body: unknown }>(
  '/write/:userId',
  async (request, reply) => {
    const expected = Number(String(request.headers['if-match']).replaceAll('"', ''));
    const result = await storage.compareAndSet(
      keyOf(request.params.userId),
      expected,
      JSON.stringify(request.body),
      request.params.userId,
    );
    if (!result.written) return reply.code(409).send(result.current);
    return result.written;
  },
);
// The process's CPU time so far (µs): the bench reads it around each load, for CPU per request.
bare.get('/control/cpu', async () => {
  const { user, system } = process.cpuUsage();
  return { micros: user + system };
});
bare.post<{ Body: { courses: number; phases: number; memberEmail: string } }>(
  '/control/scale',
  async (request) => {
    const { courses, phases, memberEmail } = request.body;
    await db.query(
      `INSERT INTO courses (slug, title, term)
       SELECT 'bench-' || i, 'Bench course ' || i, NULL FROM generate_series(1, $1::int) i
       ON CONFLICT (slug) DO NOTHING`,
      [courses],
    );
    await db.query(
      `INSERT INTO course_phases (course_id, phase_type, title, position, enabled, pin)
       SELECT c.id, (SELECT phase_type FROM course_phases WHERE id = $2), 'Phase ' || p, p, true, 'latest'
       FROM courses c CROSS JOIN generate_series(0, $1::int - 1) p WHERE c.slug LIKE 'bench-%'`,
      [phases, coursePhase.id],
    );
    await db.query(
      `INSERT INTO course_members (course_id, user_id, role)
       SELECT c.id, u.id, 'student' FROM courses c, users u
       WHERE c.slug LIKE 'bench-%' AND u.email = $1 ON CONFLICT DO NOTHING`,
      [memberEmail],
    );
    await db.query('UPDATE composition_revision SET revision = revision + 1 WHERE id = 1');
    await app.changes.publish(ALL_TOPICS);
    const [count] = await db.query<{ courses: string; phases: string }>(
      'SELECT (SELECT count(*) FROM courses) AS courses, (SELECT count(*) FROM course_phases) AS phases',
    );
    return { courses: Number(count?.courses), phases: Number(count?.phases) };
  },
);
await bare.listen({ port: barePort, host: '127.0.0.1' });

process.stdout.write(
  `${JSON.stringify({
    registry: `http://127.0.0.1:${registryPort}`,
    bare: `http://127.0.0.1:${barePort}`,
    courseId: course.id,
    coursePhaseId: coursePhase.id,
    writers: Array.from({ length: BENCH_WRITERS }, (_, i) => `bench${i + 1}@coursekit.test`),
  })}\n`,
);

let stopping = false;
process.on('SIGTERM', async () => {
  if (stopping) return;
  stopping = true;
  await bare.close();
  await app.close();
  await drop();
  rmSync(dataDir, { recursive: true, force: true });
  process.exit(0);
});
