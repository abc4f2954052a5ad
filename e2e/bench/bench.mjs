/**
 * `npm run bench`: Coursekit's performance figures, each beside its goal, as one table, also
 * written to `results/latest.json`. Figures are timings of one machine: compare them with runs on
 * the same machine only, and prefer the ratios, whose two sides run in the same process.
 * `BENCH_PARTS` picks parts (default `build,page,api`):
 * - **build**: a cold build of the host and every phase (turbo, `--force`), then a rebuild with
 *   no change, and the monolith baseline's build.
 * - **page**: the registry's production build as `npm start` serves it (a fresh embedded database
 *   seeded at start-up) with the federated host, and a second one serving the monolith baseline
 *   (the same host and intro-course code built as one rspack bundle, no federation; see
 *   `monolith/`). A signed-in student opens the sample course's Welcome phase in Chromium with the
 *   cache disabled, `BENCH_RUNS` times each (default 9, after a warm-up), alternating which goes
 *   first, on the local network and under a slow-4G profile; then the click on a phase not loaded
 *   yet, with and without the hover that preloads it.
 * - **api**: see `apiRows.mjs`, on PGlite and, when one answers, on PostgreSQL.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { apiRows, postgresTarget } from './apiRows.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..', '..');
const PORT = Number(process.env.BENCH_PORT ?? 4390);
const RUNS = Number(process.env.BENCH_RUNS ?? 9);
const PARTS = new Set((process.env.BENCH_PARTS ?? 'build,page,api').split(','));
const STUDENT = 'student1@coursekit.test';
const COURSE_TITLE = 'Software Engineering Essentials';
const KB = 1024;
/** Chrome DevTools' "Slow 4G" preset. */
const SLOW_4G = {
  offline: false,
  latency: 562.5,
  downloadThroughput: (1.4 * 1024 * 1024) / 8,
  uploadThroughput: (675 * 1024) / 8,
};

/** Starts `node dist/server.js` as `npm start` does, serving `hostDist`, and waits until it is ready. */
async function startRegistry(port, hostDist) {
  if (!existsSync(join(repo, 'registry', 'dist', 'server.js'))) {
    throw new Error('The registry is not built: run `npm run build` (or `npm start`) first.');
  }
  const baseUrl = `http://127.0.0.1:${port}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'coursekit-bench-'));
  const env = { ...process.env };
  delete env.DATABASE_URL;
  const child = spawn('node', ['dist/server.js'], {
    cwd: join(repo, 'registry'),
    env: {
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: baseUrl,
      COURSEKIT_DATA_DIR: dataDir,
      COURSEKIT_MODE: 'development',
      LOG_LEVEL: 'warn',
      ...(hostDist ? { COURSEKIT_HOST_DIST: hostDist } : {}),
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
    const ready = await fetch(`${baseUrl}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) return { baseUrl, stop };
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  stop();
  throw new Error(`The registry did not become ready on ${baseUrl} within 10 minutes.`);
}

function chromiumPath() {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  return existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

/** Milliseconds `command` takes. */
function timed(command, args, env = {}) {
  const started = Date.now();
  execFileSync(command, args, { cwd: repo, stdio: 'ignore', env: { ...process.env, ...env } });
  return Date.now() - started;
}

/** Builds the monolith baseline into `dist`; returns how long it took. */
function buildMonolith(dist) {
  return timed('npx', ['rspack', 'build', '-c', join(here, 'monolith', 'rspack.config.mjs')], {
    MONOLITH_DIST: dist,
  });
}

function buildRows(monolithMs) {
  const turbo = [
    'turbo',
    'run',
    'build',
    '--filter=@coursekit/host',
    '--filter=./phases/*',
    '--output-logs=none',
  ];
  const env = { TURBO_TELEMETRY_DISABLED: '1' };
  const cold = timed('npx', [...turbo, '--force'], env);
  const warm = timed('npx', turbo, env);
  return [
    {
      measure: 'cold build: host + every phase (with the SDK they need)',
      figure: seconds(cold),
      goal: 'informative',
      value: { ms: cold },
    },
    {
      measure: 'rebuild with no change (turbo cache)',
      figure: seconds(warm),
      goal: 'informative',
      value: { ms: warm },
    },
    {
      measure: 'monolith baseline build (host + intro-course as one bundle)',
      figure: seconds(monolithMs),
      goal: 'informative',
      value: { ms: monolithMs },
    },
  ];
}

async function signedInContext(browser, baseUrl) {
  const context = await browser.newContext({ baseURL: baseUrl });
  const signIn = await context.request.post('/api/auth/dev-login', {
    data: { email: STUDENT },
    headers: { 'x-coursekit-csrf': '1' },
  });
  if (!signIn.ok()) throw new Error(`dev-login: ${signIn.status()} ${await signIn.text()}`);
  const courses = await (await context.request.get('/api/courses')).json();
  const course = courses.find((candidate) => candidate.title === COURSE_TITLE);
  if (!course) throw new Error(`No course titled "${COURSE_TITLE}" for ${STUDENT}.`);
  const resolved = await (await context.request.get(`/api/courses/${course.id}/phases`)).json();
  return { context, course, phases: resolved.phases };
}

async function coldPage(context, network) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  if (network) await cdp.send('Network.emulateNetworkConditions', network);
  const scripts = new Map();
  cdp.on('Network.responseReceived', ({ requestId, type, response }) => {
    if (type === 'Script') scripts.set(requestId, { url: response.url, bytes: 0 });
  });
  cdp.on('Network.loadingFinished', ({ requestId, encodedDataLength }) => {
    const script = scripts.get(requestId);
    if (script) script.bytes = encodedDataLength;
  });
  return { page, scripts };
}

const heading = (page, name) =>
  page
    .getByTestId('phase-outlet')
    .getByRole('heading', { name })
    .waitFor({ state: 'visible', timeout: 300_000 });

/** One cold load of the Welcome phase: bytes and requests of scripts, and time to its heading. */
async function coldLoad(browser, baseUrl, network) {
  const { context, course, phases } = await signedInContext(browser, baseUrl);
  const { page, scripts } = await coldPage(context, network);
  const started = Date.now();
  await page.goto(`/courses/${course.id}/${phases[0].coursePhaseId}`, { waitUntil: 'commit' });
  await heading(page, `Welcome to ${COURSE_TITLE}`);
  const contentMs = Date.now() - started;
  await page.waitForLoadState('networkidle');

  // Each shared package: how many copies the Module Federation runtime actually loaded. A module
  // shared tree-shaken (react-router) has its trimmed copy under `treeShaking` and its full one
  // in the entry itself: each counts.
  const loadedCopies = await page.evaluate(() => {
    const scopes = globalThis.__FEDERATION__?.__SHARE__ ?? {};
    const copies = {};
    const isLoaded = (copy) => Boolean(copy && (copy.loaded || copy.lib));
    for (const host of Object.values(scopes)) {
      for (const scope of Object.values(host)) {
        for (const [pkg, versions] of Object.entries(scope)) {
          for (const shared of Object.values(versions)) {
            for (const copy of [shared, shared.treeShaking]) {
              if (isLoaded(copy)) copies[pkg] = (copies[pkg] ?? 0) + 1;
            }
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

/**
 * From the Welcome phase, a click on "Project matching" (a phase whose module is not loaded yet)
 * until its heading shows; with `hoverMs`, the pointer rests on the link that long first, which
 * starts loading the phase (preload on intent).
 */
async function phaseSwitch(browser, baseUrl, hoverMs) {
  const { context, course, phases } = await signedInContext(browser, baseUrl);
  const { page } = await coldPage(context, null);
  await page.goto(`/courses/${course.id}/${phases[0].coursePhaseId}`);
  await heading(page, `Welcome to ${COURSE_TITLE}`);
  await page.waitForLoadState('networkidle');
  const link = page.getByRole('navigation', { name: 'Course phases' }).getByRole('link', {
    name: 'Project matching',
  });
  let started;
  if (hoverMs) {
    await link.hover();
    await page.waitForTimeout(hoverMs);
    started = Date.now();
    await link.click();
  } else {
    // A click without the pointer passing over the link first (as from the keyboard's Enter).
    started = Date.now();
    await link.dispatchEvent('click');
  }
  await heading(page, 'Project matching');
  const ms = Date.now() - started;
  await context.close();
  return ms;
}

function ratioRow(measure, federated, monolith, goal) {
  return {
    measure,
    figure: `${(federated / monolith).toFixed(2)}× (${Math.round(federated)} vs ${Math.round(monolith)} ms)`,
    goal,
    value: { ratio: federated / monolith, federated, monolith },
  };
}

async function pageRows(browser, federatedUrl, monolithUrl) {
  const rows = [];
  const profiles = [
    ['local', null],
    ['slow 4G', SLOW_4G],
  ];
  const byProfile = {};
  for (const [label, network] of profiles) {
    // Warm-up: the servers' own caches, not measured.
    await coldLoad(browser, federatedUrl, network);
    await coldLoad(browser, monolithUrl, network);
    const runs = { federated: [], monolith: [] };
    for (let i = 0; i < RUNS; i++) {
      const order = i % 2 === 0 ? ['federated', 'monolith'] : ['monolith', 'federated'];
      for (const variant of order) {
        const url = variant === 'federated' ? federatedUrl : monolithUrl;
        runs[variant].push(await coldLoad(browser, url, network));
      }
    }
    byProfile[label] = runs;
    const pick = (variant, key) => median(runs[variant].map((run) => run[key]));
    rows.push(
      ratioRow(
        `navigation → Welcome visible, federated ÷ monolith, ${label} (median of ${RUNS})`,
        pick('federated', 'contentMs'),
        pick('monolith', 'contentMs'),
        '≤ 1.10×',
      ),
    );
  }
  const runs = byProfile.local;
  const pick = (variant, key) => median(runs[variant].map((run) => run[key]));
  const federatedBytes = pick('federated', 'jsBytes');
  const monolithBytes = pick('monolith', 'jsBytes');
  rows.push(
    {
      measure: 'JS transferred, course page with one phase: federated (monolith)',
      figure: `${(federatedBytes / KB).toFixed(1)} KB in ${pick('federated', 'jsRequests')} requests (${(monolithBytes / KB).toFixed(1)} KB in ${pick('monolith', 'jsRequests')}); ${(federatedBytes / monolithBytes).toFixed(2)}×`,
      goal: '≤ 200 KB; ≤ 1.10× the monolith',
      value: {
        federated: { bytes: federatedBytes, requests: pick('federated', 'jsRequests') },
        monolith: { bytes: monolithBytes, requests: pick('monolith', 'jsRequests') },
        ratio: federatedBytes / monolithBytes,
      },
    },
    {
      measure: 'remote entry, as transferred',
      figure: `${(pick('federated', 'remoteEntryBytes') / KB).toFixed(1)} KB`,
      goal: '≤ 10 KB',
      value: { bytes: pick('federated', 'remoteEntryBytes') },
    },
    {
      measure: 'script URLs fetched more than once',
      figure: String(pick('federated', 'duplicateScripts')),
      goal: '0',
      value: { count: pick('federated', 'duplicateScripts') },
    },
  );
  const copies = {};
  for (const run of runs.federated) {
    for (const [pkg, count] of Object.entries(run.loadedCopies))
      copies[pkg] = Math.max(copies[pkg] ?? 0, count);
  }
  const packages = Object.keys(copies).sort();
  rows.push({
    measure: `shared singletons loaded more than once (of ${packages.length})`,
    figure: packages.filter((pkg) => copies[pkg] !== 1).join(', ') || 'none',
    goal: 'none',
    value: copies,
  });

  const switches = { plain: [], hovered: [] };
  for (let i = 0; i < Math.ceil(RUNS / 2); i++) {
    switches.plain.push(await phaseSwitch(browser, federatedUrl, 0));
    switches.hovered.push(await phaseSwitch(browser, federatedUrl, 300));
  }
  rows.push({
    measure:
      'phase switch, click → content of a phase not loaded yet: no preload / hover 300 ms first',
    figure: `${median(switches.plain)} ms / ${median(switches.hovered)} ms`,
    goal: 'informative (the hover should hide the load)',
    value: switches,
  });
  return { rows, runs: byProfile };
}

async function main() {
  const rows = [];
  const extra = {};
  const monolithDist = mkdtempSync(join(tmpdir(), 'coursekit-monolith-'));
  const stops = [];
  try {
    if (PARTS.has('build') || PARTS.has('page')) {
      const monolithMs = buildMonolith(monolithDist);
      if (PARTS.has('build')) rows.push(...buildRows(monolithMs));
    }
    if (PARTS.has('page')) {
      const federated = await startRegistry(PORT);
      stops.push(federated.stop);
      const monolith = await startRegistry(PORT + 2, monolithDist);
      stops.push(monolith.stop);
      const browser = await chromium.launch({
        executablePath: chromiumPath(),
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run'],
      });
      try {
        const page = await pageRows(browser, federated.baseUrl, monolith.baseUrl);
        rows.push(...page.rows);
        extra.pageRuns = page.runs;
      } finally {
        await browser.close();
        for (const stop of stops.splice(0)) stop();
      }
    }
    if (PARTS.has('api')) {
      const ports = { registry: PORT + 4, bare: PORT + 5 };
      rows.push(...(await apiRows(repo, 'pglite', 'PGlite', ports)));
      const postgres = await postgresTarget();
      if (postgres.reason) {
        console.log(`PostgreSQL rows skipped: ${postgres.reason}.`);
        rows.push({
          measure: 'API rows on PostgreSQL',
          figure: 'skipped',
          goal: '',
          value: { reason: postgres.reason },
        });
      } else {
        rows.push(...(await apiRows(repo, postgres.url, 'PostgreSQL', ports)));
      }
    }
  } finally {
    for (const stop of stops) stop();
    rmSync(monolithDist, { recursive: true, force: true });
  }
  console.log(`\nCoursekit bench (${[...PARTS].join(', ')}; ${RUNS} runs per page figure)\n`);
  console.table(rows.map(({ measure, figure, goal }) => ({ measure, figure, goal })));
  const out = join(here, 'results');
  mkdirSync(out, { recursive: true });
  const result = { date: new Date().toISOString(), runs: RUNS, parts: [...PARTS], rows, ...extra };
  writeFileSync(join(out, 'latest.json'), `${JSON.stringify(result, null, 2)}\n`);
  console.log(`Written to ${join('e2e', 'bench', 'results', 'latest.json')}`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
