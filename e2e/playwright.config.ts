/**
 * Playwright runs every suite against the real stack: the registry's production build serves the
 * API, the host bundle and the phase remotes from one origin, exactly as `npm start` does, on a
 * fresh PGlite database seeded at start-up. Chromium is Debian's (Playwright cannot download its
 * own browsers here); set `CHROMIUM_PATH` to use another binary.
 *
 * The matching phase's server is not a `webServer`: a test must be able to stop and restart it, so
 * the worker-scoped `matchingServer` fixture (fixtures/matchingServer.ts) runs it, on the port after
 * the registry's, for the tests that use it. The registry's seed registers it at that URL; until a
 * test starts it, the gateway answers 502 for it, which nothing else needs.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig, devices } from '@playwright/test';
import { BASE_URL as baseURL, MATCHING_URL, E2E_PORT as port } from './fixtures/stack.js';

// Playwright loads this file in the runner and again in every worker. Only the runner creates the
// data folder (workers inherit the variable) and only the runner removes it when it exits.
let dataDir = process.env.E2E_DATA_DIR;
if (!dataDir) {
  const created = mkdtempSync(join(tmpdir(), 'coursekit-e2e-'));
  dataDir = created;
  process.env.E2E_DATA_DIR = created;
  process.on('exit', () => rmSync(created, { recursive: true, force: true }));
}
// The suites expect the freshly seeded embedded database, never a PostgreSQL server that a shell
// happens to point at (the registry's integration suite covers PostgreSQL).
delete process.env.DATABASE_URL;

function chromiumPath(): string | undefined {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  return existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;
}

export default defineConfig({
  testDir: './tests',
  // A flaky test is a bug to fix, not something to retry away.
  retries: 0,
  // Two cores: one browser at a time next to the server keeps timings honest.
  workers: 1,
  forbidOnly: !!process.env.CI,
  reporter: 'list',
  // Time limits catch a hang, never a slow machine: assertions wait for what a user sees, and
  // these bounds are far above what a test takes on two busy cores.
  timeout: 120_000,
  expect: { timeout: 30_000 },
  use: {
    ...devices['Desktop Chrome'],
    baseURL,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: chromiumPath(),
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: {
    // The same command as `npm start` after its build: registry/dist/server.js, run from registry/.
    command: 'node dist/server.js',
    cwd: '../registry',
    url: `${baseURL}/readyz`,
    reuseExistingServer: !process.env.CI,
    // Migrations and the seed take ~6 s on an idle machine and many times that under load.
    timeout: 600_000,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: baseURL,
      COURSEKIT_DATA_DIR: dataDir,
      COURSEKIT_MODE: 'development',
      COURSEKIT_SEED_PHASE_SERVERS: `matching=${MATCHING_URL}`,
      // Short budgets keep the fault matrix fast; every bound still works the same way.
      PHASE_LOAD_BUDGET_MS: '6000',
      PHASE_LOAD_ATTEMPT_TIMEOUT_MS: '2500',
      PHASE_RETRY_MAX_INTERVAL_MS: '2000',
      GATEWAY_TIMEOUT_MS: '3000',
    },
  },
});
