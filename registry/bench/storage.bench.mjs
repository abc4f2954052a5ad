// Benchmark: core storage writes at 50 concurrent clients (issue: core storage).
// For PGlite and for the PostgreSQL server of TEST_DATABASE_URL, prints writes/s and p50/p99
// latency of successful writes over real HTTP, for a single-document workload (every client
// appends to one document, retrying on 409) and a many-document workload (each client writes its
// own participation document). Baseline, same process and engine: the same compare-and-set
// statement run directly on the database by 50 concurrent callers, without HTTP or auth.
// Run: npm run build --workspace @coursekit/registry && node registry/bench/storage.bench.mjs

import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { buildServer } from '../dist/app.js';
import { loadConfig } from '../dist/config.js';
import { openRegistryDb as openDb } from '../dist/db/openRegistryDb.js';
import { seed } from '../dist/seed/seed.js';

const CLIENTS = 50;
const MANY_WRITES_PER_CLIENT = 20;
const SINGLE_WRITES_PER_CLIENT = 4;
const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};
const fmt = (label, writes, seconds, latencies, extra = '') =>
  console.log(
    `${label.padEnd(34)} ${String(Math.round(writes / seconds)).padStart(6)} writes/s   p50 ${percentile(latencies, 50).toFixed(1).padStart(6)} ms   p99 ${percentile(latencies, 99).toFixed(1).padStart(7)} ms${extra}`,
  );

async function engineDb(engine) {
  if (engine === 'pglite') return { db: await openDb({}), drop: async () => {} };
  const name = `ck_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  const db = await openDb({ databaseUrl: url.href });
  return {
    db,
    drop: async () => {
      const again = new pg.Client({ connectionString: PG_URL });
      await again.connect();
      await again.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await again.end();
    },
  };
}

async function run(engine) {
  const { db, drop } = await engineDb(engine);
  const dir = mkdtempSync(join(tmpdir(), 'ck-bench-'));
  const config = loadConfig({
    COURSEKIT_DATA_DIR: dir,
    COURSEKIT_SEED_PHASES: '',
    LOG_LEVEL: 'silent',
    PORT: '0',
  });
  const app = await buildServer({ config, db });
  await seed(db, config, app.log);
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const [{ id: courseId }] = await db.query("SELECT id FROM courses WHERE slug = 'se-essentials'");
  await db.query(
    "INSERT INTO phase_types (name, title, kind) VALUES ('bench', 'Bench', 'client-only')",
  );
  const [{ id: coursePhaseId }] = await db.query(
    "INSERT INTO course_phases (course_id, phase_type, title, position) VALUES ($1, 'bench', 'Bench', 0) RETURNING id",
    [courseId],
  );
  // 50 students, each signed in.
  const clients = [];
  for (let i = 0; i < CLIENTS; i++) {
    const email = `bench${i}@coursekit.test`;
    const [{ id }] = await db.query(
      'INSERT INTO users (email, name) VALUES ($1, $1) RETURNING id',
      [email],
    );
    await db.query(
      "INSERT INTO course_members (course_id, user_id, role) VALUES ($1, $2, 'lecturer')",
      [courseId, id],
    );
    const login = await fetch(`${address}/api/auth/dev-login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-coursekit-csrf': '1' },
      body: JSON.stringify({ email }),
    });
    clients.push({ id, cookie: login.headers.get('set-cookie').split(';')[0] });
  }
  const put = (client, url, version, doc) =>
    fetch(`${address}${url}`, {
      method: 'PUT',
      headers: {
        cookie: client.cookie,
        'x-coursekit-csrf': '1',
        'content-type': 'application/json',
        'if-match': `"${version}"`,
      },
      body: JSON.stringify(doc),
    });

  console.log(`\n${engine}`);

  // Baseline: the same compare-and-set statements, straight on the database.
  let baseline = 0;
  {
    const latencies = [];
    const start = performance.now();
    await Promise.all(
      clients.map(async (client) => {
        for (let version = 0; version < MANY_WRITES_PER_CLIENT; version++) {
          const t0 = performance.now();
          if (version === 0) {
            await db.query(
              "INSERT INTO participation_data (course_phase_id, user_id, scope, doc, version) VALUES ($1, $2, 'restricted', $3::jsonb, 1)",
              [coursePhaseId, client.id, JSON.stringify({ n: 0 })],
            );
          } else {
            await db.query(
              "UPDATE participation_data SET doc = $3::jsonb, version = version + 1 WHERE course_phase_id = $1 AND user_id = $2 AND scope = 'restricted' AND version = $4",
              [coursePhaseId, client.id, JSON.stringify({ n: version }), version],
            );
          }
          latencies.push(performance.now() - t0);
        }
      }),
    );
    fmt(
      'baseline: SQL only, many documents',
      CLIENTS * MANY_WRITES_PER_CLIENT,
      (performance.now() - start) / 1000,
      latencies,
    );
    baseline = (CLIENTS * MANY_WRITES_PER_CLIENT) / ((performance.now() - start) / 1000);
  }

  // Many documents: each client its own participation document.
  {
    const latencies = [];
    const start = performance.now();
    await Promise.all(
      clients.map(async (client) => {
        const url = `/api/course-phases/${coursePhaseId}/participants/${client.id}/data/own`;
        for (let version = 0; version < MANY_WRITES_PER_CLIENT; version++) {
          const t0 = performance.now();
          const response = await put(client, url, version, { n: version, note: 'x'.repeat(200) });
          if (response.status !== 200)
            throw new Error(`unexpected ${response.status}: ${await response.text()}`);
          latencies.push(performance.now() - t0);
        }
      }),
    );
    const seconds = (performance.now() - start) / 1000;
    fmt(
      'HTTP: many documents',
      CLIENTS * MANY_WRITES_PER_CLIENT,
      seconds,
      latencies,
      `   ${((CLIENTS * MANY_WRITES_PER_CLIENT) / seconds / baseline).toFixed(2)}x baseline`,
    );
  }

  // One document: everyone appends to the same course document, merging on 409.
  {
    const url = `/api/course-phases/${coursePhaseId}/data/shared`;
    const latencies = [];
    let conflicts = 0;
    const start = performance.now();
    await Promise.all(
      clients.map(async (client, index) => {
        for (let k = 0; k < SINGLE_WRITES_PER_CLIENT; k++) {
          const t0 = performance.now();
          let current = await (
            await fetch(`${address}${url}`, { headers: { cookie: client.cookie } })
          ).json();
          for (let attempt = 0; ; attempt++) {
            const entries = [...(current.doc?.entries ?? []), `${index}:${k}`];
            const response = await put(client, url, current.version, { entries });
            if (response.status === 200) break;
            conflicts++;
            await new Promise((resolve) =>
              setTimeout(resolve, Math.random() * Math.min(200, 5 * 2 ** attempt)),
            );
            current = (await response.json()).current;
          }
          latencies.push(performance.now() - t0);
        }
      }),
    );
    const seconds = (performance.now() - start) / 1000;
    const final = await (
      await fetch(`${address}${url}`, { headers: { cookie: clients[0].cookie } })
    ).json();
    fmt(
      'HTTP: one document (with retries)',
      CLIENTS * SINGLE_WRITES_PER_CLIENT,
      seconds,
      latencies,
      `   ${conflicts} conflicts, ${final.doc.entries.length} entries kept`,
    );
  }

  await app.close();
  await db.close();
  await drop();
}

await run('pglite');
await run('postgres');
