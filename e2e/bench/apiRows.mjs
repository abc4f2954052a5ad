/**
 * The registry's rows of `npm run bench`: the resolve route, a storage read and a storage write,
 * each against a bare Fastify route doing the same I/O on the same database in the same process
 * (the registry's `apiBenchServer`), autocannon at 50 connections for `BENCH_SECONDS` each
 * (default 10, in alternating turns, see `SLICES`); and resolve at 10 000 courses × 20 phases against 10 courses. The ratio of
 * requests per second is the registry's share of what the framework and the database can do; the
 * bare route's p99 is printed beside the registry's as the floor the machine sets.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';

const CONNECTIONS = 50;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const STUDENT = 'student1@coursekit.test';
const CSRF = { 'x-coursekit-csrf': '1' };
/** A student's answers to a quiz: the size of a typical phase document. */
const DOCUMENT = { answers: [1, 3, 2, 4], notes: 'Arrays before objects.', done: false };

/**
 * Which CPUs the server (`server`) and this process with its autocannon (`client`) run on, so that
 * the load generator does not take the server's core: on a machine with two or more CPUs and
 * Linux's `taskset`, the server gets the last CPU and the client the others (the database, a
 * separate server, is not pinned). `BENCH_PIN=0` turns it off; `null` when it is off or
 * impossible.
 */
let pinned;
function cpuSplit() {
  // Once pinned, this process sees only its own CPUs: decide once.
  pinned ??= splitCpus();
  return pinned;
}

function splitCpus() {
  const cpus = availableParallelism();
  if (process.env.BENCH_PIN === '0' || cpus < 2) return null;
  try {
    execFileSync('taskset', ['-p', '-c', `0-${cpus - 2}`, String(process.pid)], {
      stdio: 'ignore',
    });
  } catch {
    return null;
  }
  return { server: String(cpus - 1), client: cpus === 2 ? '0' : `0-${cpus - 2}` };
}

/** Starts the registry and its bare twin on `db` (`pglite` or a PostgreSQL URL). */
export async function startApiServer(repo, db, ports) {
  const script = join(repo, 'registry', 'dist', 'bench', 'apiBenchServer.js');
  if (!existsSync(script)) throw new Error('The registry is not built: run `npm run build` first.');
  const split = cpuSplit();
  const [command, args] = split
    ? ['taskset', ['-c', split.server, 'node', script]]
    : ['node', [script]];
  const child = spawn(command, args, {
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
  const info = { ...JSON.parse(await Promise.race([firstLine, exited])), cpus: split };
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

/**
 * Each registry route and its bare twin are loaded in turns of `SECONDS / SLICES` each, bare first,
 * then the registry, then the other way round (default two turns each: A B B A), not one after the
 * other: on a shared machine the load from other work drifts within seconds, and a ratio of two
 * windows taken a minute apart measures that drift more than the registry. A turn is kept long
 * enough that slow answers (PGlite's queued writers) still complete inside it.
 */
const SLICES = Math.max(1, Number(process.env.BENCH_SLICES ?? 2));

/**
 * Requests, seconds, every response's latency (ms), failures and the server process's CPU time
 * (µs, when measured) of one or more loads.
 */
const emptySample = () => ({ requests: 0, seconds: 0, latencies: [], errors: 0, cpu: 0 });

function addSample(total, part) {
  total.requests += part.requests;
  total.cpu += part.cpu ?? 0;
  total.seconds += part.seconds;
  total.errors += part.errors;
  for (const latency of part.latencies) total.latencies.push(latency);
  return total;
}

/**
 * Requests per second over the whole time, the p99 of every response, failures, and the server
 * process's CPU time per request (µs): unlike the first two, it hardly moves with what else the
 * machine runs, so it shows what the registry's own code costs beside the bare route's.
 */
function figures(sample) {
  const sorted = Float64Array.from(sample.latencies).sort();
  const p99 = sorted[Math.max(0, Math.ceil(sorted.length * 0.99) - 1)] ?? 0;
  return {
    rps: Math.round(sample.requests / sample.seconds),
    p99: Math.round(p99),
    errors: sample.errors,
    cpuPerRequest: Math.round(sample.cpu / Math.max(1, sample.requests)),
  };
}

/** One autocannon run of `seconds`, keeping every response's latency. */
function run(options, seconds) {
  const latencies = [];
  const tracker = autocannon({ connections: CONNECTIONS, ...options, duration: seconds });
  tracker.on('response', (_client, _status, _bytes, latency) => latencies.push(latency));
  return tracker.then((result) => ({
    requests: result.requests.total,
    seconds: result.duration,
    latencies,
    errors: result.non2xx + result.errors + result.timeouts,
  }));
}

/**
 * `registry` and `bare` (each `seconds => sample`) in alternating slices, each after `prepare`,
 * with the CPU time `cpu()` (the server process's, in µs) counts during each; figures of both.
 */
async function alternate({ registry, bare, cpu, prepare = async () => {} }) {
  const totals = { registry: emptySample(), bare: emptySample() };
  for (let slice = 0; slice < SLICES; slice++) {
    const order = slice % 2 === 0 ? ['bare', 'registry'] : ['registry', 'bare'];
    for (const side of order) {
      const load = side === 'bare' ? bare : registry;
      await prepare();
      const before = await cpu();
      const sample = await load(SECONDS / SLICES);
      addSample(totals[side], { ...sample, cpu: (await cpu()) - before });
    }
  }
  return { registry: figures(totals.registry), bare: figures(totals.bare) };
}

const load = (options) => (seconds) => run(options, seconds);

/**
 * Writes by every writer of `pool` at once, each on its own document over its own connection
 * (one autocannon instance each, since autocannon shares request objects between connections):
 * every request names the version its writer last got back, so none conflicts. `pool` keeps each
 * writer's version from one load to the next.
 */
const writeLoad = (pool, pathOf, headersOf) => async (seconds) => {
  const samples = await Promise.all(
    pool.map((writer) =>
      run(
        {
          url: pathOf(writer),
          connections: 1,
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
        },
        seconds,
      ),
    ),
  );
  // The writers ran side by side: their requests add up over the time of the longest.
  const total = samples.reduce(addSample, emptySample());
  return { ...total, seconds: Math.max(...samples.map((sample) => sample.seconds)) };
};

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
    figure: `${ratio.toFixed(2)}× (${registry.rps} vs ${bare.rps} req/s), p99 ${registry.p99} ms${failed(registry)} (bare ${bare.p99} ms${failed(bare)}), CPU ${registry.cpuPerRequest} vs ${bare.cpuPerRequest} µs/request`,
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
    const rows = [
      {
        measure: `API bench CPUs (${label})`,
        figure: info.cpus
          ? `server on CPU ${info.cpus.server}, autocannon on CPU ${info.cpus.client} (taskset; the database is not pinned)`
          : 'not pinned: server and autocannon share every CPU',
        goal: 'informative',
        value: info.cpus,
      },
    ];
    const cpu = () =>
      fetch(`${info.bare}/control/cpu`)
        .then((response) => response.json())
        .then((usage) => usage.micros);
    const resolve = await alternate({
      registry: load({ url: resolveUrl, headers: { cookie: student.cookie } }),
      bare: load({ url: `${info.bare}/resolve` }),
      cpu,
    });
    rows.push(
      row(`resolve vs bare route, same JSON (${label})`, resolve.registry, resolve.bare, ratioGoal),
    );

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
    const write = await alternate({
      registry: writeLoad(pool, docPath, (writer) => ({ cookie: writer.cookie, ...CSRF })),
      bare: writeLoad(
        pool,
        (writer) => `${info.bare}/write/${writer.id}`,
        () => ({}),
      ),
      cpu,
      prepare: sync,
    });
    rows.push(
      row(
        `storage write vs bare route, same SQL (${label})`,
        write.registry,
        write.bare,
        ratioGoal,
      ),
    );

    const [reader] = writers;
    const read = await alternate({
      registry: load({ url: docPath(reader), headers: { cookie: reader.cookie } }),
      bare: load({ url: `${info.bare}/read/${reader.id}` }),
      cpu,
    });
    rows.push(
      row(`storage read vs bare route, same SQL (${label})`, read.registry, read.bare, ratioGoal),
    );

    // Resolve with 10 courses, then with 10 000 courses × 20 phases, the student in all of them.
    const scale = (courses) =>
      fetch(`${info.bare}/control/scale`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ courses, phases: 20, memberEmail: STUDENT }),
      }).then((response) => response.json());
    const resolveLoad = () =>
      run({ url: resolveUrl, headers: { cookie: student.cookie } }, SECONDS).then(figures);
    const small = await scale(9);
    const atSmall = await resolveLoad();
    const large = await scale(10_000);
    const atLarge = await resolveLoad();
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
