/**
 * The registry's rows of `npm run bench`: the resolve route, a storage read and a storage write,
 * each against a bare Fastify route doing the same I/O on the same database in the same process
 * (the registry's `apiBenchServer`), autocannon at 50 connections for `BENCH_SECONDS` each
 * (default 10); and resolve at 10 000 courses × 20 phases against 10 courses. The ratio of
 * requests per second is the registry's share of what the framework and the database can do; the
 * bare route's p99 is printed beside the registry's as the floor the machine sets.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';

const CONNECTIONS = 50;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const STUDENT = 'student1@coursekit.test';
const CSRF = { 'x-coursekit-csrf': '1' };
/** A student's answers to a quiz: the size of a typical phase document. */
const DOCUMENT = { answers: [1, 3, 2, 4], notes: 'Arrays before objects.', done: false };

/** Starts the registry and its bare twin on `db` (`pglite` or a PostgreSQL URL). */
export async function startApiServer(repo, db, ports) {
  const script = join(repo, 'registry', 'dist', 'bench', 'apiBenchServer.js');
  if (!existsSync(script)) throw new Error('The registry is not built: run `npm run build` first.');
  const child = spawn('node', [script], {
    cwd: join(repo, 'registry'),
    env: {
      ...process.env,
      BENCH_DB: db,
      REGISTRY_PORT: String(ports.registry),
      BARE_PORT: String(ports.bare),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise((_, reject) =>
    child.once('exit', (code) => reject(new Error(`The API bench server exited with ${code}.`))),
  );
  const firstLine = new Promise((resolve) =>
    createInterface({ input: child.stdout }).once('line', resolve),
  );
  const info = JSON.parse(await Promise.race([firstLine, exited]));
  exited.catch(() => {});
  const stop = () =>
    new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', resolve);
      child.kill('SIGTERM');
    });
  return { info, stop };
}

async function signIn(base, email) {
  const response = await fetch(`${base}/api/auth/dev-login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...CSRF },
    body: JSON.stringify({ email }),
  });
  if (!response.ok) throw new Error(`dev-login ${email}: ${response.status}`);
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const me = await (await fetch(`${base}/api/me`, { headers: { cookie } })).json();
  return { cookie, id: me.user.id };
}

const figures = (result) => ({
  rps: Math.round(result.requests.average),
  p99: result.latency.p99,
  errors: result.non2xx + result.errors + result.timeouts,
});

function load(options) {
  return autocannon({ connections: CONNECTIONS, duration: SECONDS, ...options }).then(figures);
}

/**
 * Writes by every writer of `pool` at once, each on its own document over its own connection
 * (one autocannon instance each, since autocannon shares request objects between connections):
 * every request names the version its writer last got back, so none conflicts. `pool` keeps each
 * writer's version from one load to the next. p99 is the worst writer's.
 */
async function writeLoad(pool, pathOf, headersOf) {
  const results = await Promise.all(
    pool.map((writer) =>
      autocannon({
        url: pathOf(writer),
        connections: 1,
        duration: SECONDS,
        requests: [
          {
            method: 'PUT',
            setupRequest: (request) => ({
              ...request,
              headers: {
                'content-type': 'application/json',
                'if-match': `"${writer.version}"`,
                ...headersOf(writer),
              },
              body: JSON.stringify(DOCUMENT),
            }),
            onResponse: (status, body) => {
              const parsed = JSON.parse(body);
              writer.version = status === 200 ? parsed.version : parsed.current?.version;
            },
          },
        ],
      }).then(figures),
    ),
  );
  return {
    rps: results.reduce((sum, result) => sum + result.rps, 0),
    p99: Math.max(...results.map((result) => result.p99)),
    errors: results.reduce((sum, result) => sum + result.errors, 0),
  };
}

const failed = (figures) => (figures.errors ? `, ${figures.errors} failed` : '');

/**
 * A registry route against its bare twin. Both p99s are printed: the bare route's is the floor this
 * machine sets under the same load (two cores shared by autocannon, the server and the database),
 * so what the registry adds is the gap between the two, not its p99 alone.
 */
const row = (measure, registry, bare, goal) => {
  const ratio = registry.rps / bare.rps;
  return {
    measure,
    figure: `${ratio.toFixed(2)}× (${registry.rps} vs ${bare.rps} req/s), p99 ${registry.p99} ms${failed(registry)} (bare ${bare.p99} ms${failed(bare)})`,
    goal,
    value: { ratio, registry, bare },
  };
};

/** The API rows on one database; `label` names it in the table. */
export async function apiRows(repo, db, label, ports) {
  const { info, stop } = await startApiServer(repo, db, ports);
  const onPostgres = label === 'PostgreSQL';
  const ratioGoal = onPostgres ? '≥ 0.5×, p99 ≤ 20 ms' : '≥ 0.2×';
  try {
    const student = await signIn(info.registry, STUDENT);
    const resolveUrl = `${info.registry}/api/courses/${info.courseId}/phases`;
    const answer = await (await fetch(resolveUrl, { headers: { cookie: student.cookie } })).json();
    await fetch(`${info.bare}/resolve`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(answer),
    });
    const rows = [];
    const bareResolve = await load({ url: `${info.bare}/resolve` });
    const resolve = await load({ url: resolveUrl, headers: { cookie: student.cookie } });
    rows.push(row(`resolve vs bare route, same JSON (${label})`, resolve, bareResolve, ratioGoal));

    const writers = await Promise.all(info.writers.map((email) => signIn(info.registry, email)));
    const pool = writers.map((writer) => ({ ...writer, version: 0 }));
    const docPath = (writer) =>
      `${info.registry}/api/course-phases/${info.coursePhaseId}/participants/${writer.id}/data/own`;
    // A load that ends may leave a write done whose answer never came: read where each writer is.
    const sync = () =>
      Promise.all(
        pool.map(async (writer) => {
          const stored = await fetch(docPath(writer), { headers: { cookie: writer.cookie } });
          writer.version = (await stored.json()).version;
        }),
      );
    await sync();
    const bareWrite = await writeLoad(
      pool,
      (writer) => `${info.bare}/write/${writer.id}`,
      () => ({}),
    );
    await sync();
    const write = await writeLoad(pool, docPath, (writer) => ({
      cookie: writer.cookie,
      ...CSRF,
    }));
    rows.push(row(`storage write vs bare route, same SQL (${label})`, write, bareWrite, ratioGoal));

    const [reader] = writers;
    const bareRead = await load({ url: `${info.bare}/read/${reader.id}` });
    const read = await load({ url: docPath(reader), headers: { cookie: reader.cookie } });
    rows.push(row(`storage read vs bare route, same SQL (${label})`, read, bareRead, ratioGoal));

    // Resolve with 10 courses, then with 10 000 courses × 20 phases, the student in all of them.
    const scale = (courses) =>
      fetch(`${info.bare}/control/scale`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ courses, phases: 20, memberEmail: STUDENT }),
      }).then((response) => response.json());
    const small = await scale(9);
    const atSmall = await load({ url: resolveUrl, headers: { cookie: student.cookie } });
    const large = await scale(10_000);
    const atLarge = await load({ url: resolveUrl, headers: { cookie: student.cookie } });
    const flat = atLarge.rps / atSmall.rps;
    rows.push({
      measure: `resolve at ${large.courses} courses / ${large.phases} course phases vs ${small.courses} / ${small.phases} (${label})`,
      figure: `${flat.toFixed(2)}× (${atLarge.rps} vs ${atSmall.rps} req/s), p99 ${atLarge.p99} vs ${atSmall.p99} ms`,
      goal: '1.0× (flat)',
      value: { ratio: flat, small: { ...small, ...atSmall }, large: { ...large, ...atLarge } },
    });
    return rows;
  } finally {
    await stop();
  }
}

/** The PostgreSQL server of `DATABASE_URL`/`TEST_DATABASE_URL` (or the local default) when it answers. */
export async function postgresTarget() {
  const url =
    process.env.DATABASE_URL ??
    process.env.TEST_DATABASE_URL ??
    'postgres://postgres@127.0.0.1:5432/postgres';
  const { default: pg } = await import('pg').catch(() => ({ default: null }));
  if (!pg) return { url, reason: 'the pg client is not installed' };
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return { url };
  } catch (error) {
    return { url, reason: `no PostgreSQL server answers at ${url} (${error.message})` };
  } finally {
    await client.end().catch(() => {});
  }
}
