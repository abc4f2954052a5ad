/**
 * `npm run bench`: cold-load figures of a course page, measured in real Chromium against the
 * registry's production build, exactly as `npm start` serves it (one origin, a fresh embedded
 * database seeded at start-up). A signed-in student opens the sample course's Welcome phase with
 * the browser cache disabled, `BENCH_RUNS` times (default 5); the table shows the median of each
 * figure beside the goal it is measured against, and is also written to `results/latest.json`.
 * Last, the course resolve route is loaded against a bare Fastify route (apiThroughput.mjs).
 * Figures are timings of one machine: compare them with runs on the same machine only.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { apiThroughput } from './apiThroughput.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..', '..');
const PORT = Number(process.env.BENCH_PORT ?? 4390);
const BASE_URL = `http://127.0.0.1:${PORT}`;
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const STUDENT = 'student1@coursekit.test';
const COURSE_TITLE = 'Software Engineering Essentials';
const KB = 1024;

/** Starts `node dist/server.js` as `npm start` does, and waits until it is ready. */
async function startRegistry() {
  if (!existsSync(join(repo, 'registry', 'dist', 'server.js'))) {
    throw new Error('The registry is not built: run `npm run build` (or `npm start`) first.');
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'coursekit-bench-'));
  const env = { ...process.env };
  delete env.DATABASE_URL;
  const child = spawn('node', ['dist/server.js'], {
    cwd: join(repo, 'registry'),
    env: {
      ...env,
      PORT: String(PORT),
      HOST: '127.0.0.1',
      PUBLIC_URL: BASE_URL,
      COURSEKIT_DATA_DIR: dataDir,
      COURSEKIT_MODE: 'development',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const stop = () => {
    child.kill();
    rmSync(dataDir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 600_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The registry exited with ${child.exitCode}.`);
    const ready = await fetch(`${BASE_URL}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) return stop;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  stop();
  throw new Error(`The registry did not become ready on ${BASE_URL} within 10 minutes.`);
}

function chromiumPath() {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  return existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;
}

/** The Welcome phase's path in the host, from the API as the student sees it. */
async function welcomePath(request) {
  const courses = await (await request.get('/api/courses')).json();
  const course = courses.find((candidate) => candidate.title === COURSE_TITLE);
  if (!course) throw new Error(`No course titled "${COURSE_TITLE}" for ${STUDENT}.`);
  const resolved = await (await request.get(`/api/courses/${course.id}/phases`)).json();
  const [welcome] = resolved.phases;
  if (!welcome) throw new Error('The sample course has no phase.');
  return { path: `/courses/${course.id}/${welcome.coursePhaseId}`, title: welcome.title };
}

/** One cold load: bytes and requests of scripts as transferred, and time to the phase's heading. */
async function coldLoad(browser) {
  const context = await browser.newContext({ baseURL: BASE_URL });
  const signIn = await context.request.post('/api/auth/dev-login', {
    data: { email: STUDENT },
    headers: { 'x-coursekit-csrf': '1' },
  });
  if (!signIn.ok()) throw new Error(`dev-login: ${signIn.status()} ${await signIn.text()}`);
  const { path } = await welcomePath(context.request);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  const scripts = new Map();
  cdp.on('Network.responseReceived', ({ requestId, type, response }) => {
    if (type === 'Script') scripts.set(requestId, { url: response.url, bytes: 0 });
  });
  cdp.on('Network.loadingFinished', ({ requestId, encodedDataLength }) => {
    const script = scripts.get(requestId);
    if (script) script.bytes = encodedDataLength;
  });

  const started = Date.now();
  await page.goto(path, { waitUntil: 'commit' });
  await page
    .getByTestId('phase-outlet')
    .getByRole('heading', { name: `Welcome to ${COURSE_TITLE}` })
    .waitFor({ state: 'visible', timeout: 120_000 });
  const contentMs = Date.now() - started;
  await page.waitForLoadState('networkidle');

  // Each shared package: how many copies the Module Federation runtime actually loaded.
  const loadedCopies = await page.evaluate(() => {
    const scopes = globalThis.__FEDERATION__?.__SHARE__ ?? {};
    const copies = {};
    for (const host of Object.values(scopes)) {
      for (const scope of Object.values(host)) {
        for (const [pkg, versions] of Object.entries(scope)) {
          for (const shared of Object.values(versions)) {
            if (shared.loaded || shared.lib) copies[pkg] = (copies[pkg] ?? 0) + 1;
          }
        }
      }
    }
    return copies;
  });
  const list = [...scripts.values()];
  const urls = list.map((s) => s.url);
  await context.close();
  return {
    contentMs,
    jsBytes: list.reduce((sum, s) => sum + s.bytes, 0),
    jsRequests: list.length,
    duplicateScripts: urls.length - new Set(urls).size,
    remoteEntryBytes: list.find((s) => /\/remotes\/.*\/remoteEntry\.js$/.test(s.url))?.bytes ?? 0,
    loadedCopies,
  };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** The resolve route (embedded PGlite, as the bench's registry runs) against a bare Fastify route. */
async function resolveRow() {
  const signIn = await fetch(`${BASE_URL}/api/auth/dev-login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-coursekit-csrf': '1' },
    body: JSON.stringify({ email: STUDENT }),
  });
  const cookie = signIn.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const courses = await (await fetch(`${BASE_URL}/api/courses`, { headers: { cookie } })).json();
  const course = courses.find((candidate) => candidate.title === COURSE_TITLE);
  const url = `${BASE_URL}/api/courses/${course.id}/phases`;
  const { registry, bare } = await apiThroughput({ url, cookie, port: PORT + 1 });
  const ratio = registry.rps / bare.rps;
  return {
    measure: 'resolve route vs bare Fastify, same JSON, 50 connections (PGlite)',
    figure: `${ratio.toFixed(3)}× (${registry.rps} vs ${bare.rps} req/s), p99 ${registry.p99} ms${registry.errors ? `, ${registry.errors} failed` : ''}`,
    goal: '≥ 0.2× on PGlite (≥ 0.5× and p99 ≤ 20 ms on PostgreSQL)',
    value: { ratio, registry, bare },
  };
}

async function main() {
  const stop = await startRegistry();
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run'],
  });
  try {
    await coldLoad(browser); // warm-up: the server's own caches, not measured
    const runs = [];
    for (let i = 0; i < RUNS; i++) runs.push(await coldLoad(browser));
    const pick = (key) => median(runs.map((run) => run[key]));
    const packages = [...new Set(runs.flatMap((run) => Object.keys(run.loadedCopies)))].sort();
    const rows = [
      {
        measure: 'JS transferred, course page with one phase',
        figure: `${(pick('jsBytes') / KB).toFixed(1)} KB in ${pick('jsRequests')} requests`,
        goal: '≤ 200 KB as transferred; ≤ 1.10 × the same code as one bundle',
        value: { bytes: pick('jsBytes'), requests: pick('jsRequests') },
      },
      {
        measure: 'remote entry, as transferred',
        figure: `${(pick('remoteEntryBytes') / KB).toFixed(1)} KB`,
        goal: '≤ 10 KB',
        value: { bytes: pick('remoteEntryBytes') },
      },
      {
        measure: 'script URLs fetched more than once',
        figure: String(pick('duplicateScripts')),
        goal: '0',
        value: { count: pick('duplicateScripts') },
      },
      ...packages.map((pkg) => ({
        measure: `shared singleton ${pkg}: copies loaded`,
        figure: String(Math.max(...runs.map((run) => run.loadedCopies[pkg] ?? 0))),
        goal: '1',
        value: { copies: Math.max(...runs.map((run) => run.loadedCopies[pkg] ?? 0)) },
      })),
      {
        measure: 'navigation → Welcome phase visible',
        figure: `${pick('contentMs')} ms`,
        goal: '≤ 1.10 × the same host with the phase built in',
        value: { ms: pick('contentMs'), runs: runs.map((run) => run.contentMs) },
      },
      await resolveRow(),
    ];
    console.log(`\nCoursekit bench: median of ${RUNS} cold loads, Chromium, cache disabled\n`);
    console.table(rows.map(({ measure, figure, goal }) => ({ measure, figure, goal })));
    const out = join(here, 'results');
    mkdirSync(out, { recursive: true });
    const result = { date: new Date().toISOString(), runs: RUNS, rows };
    writeFileSync(join(out, 'latest.json'), `${JSON.stringify(result, null, 2)}\n`);
    console.log(`Written to ${join('e2e', 'bench', 'results', 'latest.json')}`);
  } finally {
    await browser.close();
    stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
