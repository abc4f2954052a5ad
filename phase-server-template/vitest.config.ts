// Two test projects: the remote's components in a simulated browser (happy-dom), and the server's
// routes in Node on real databases (PGlite, and PostgreSQL via TEST_DATABASE_URL). Time limits
// catch a hang, never a slow machine: they are far above what a test takes on busy cores.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'remote',
          include: ['src/**/__tests__/**/*.test.{ts,tsx}'],
          environment: 'happy-dom',
          setupFiles: ['./src/test/setup.ts'],
          testTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'server',
          include: ['server/src/**/__tests__/**/*.test.ts'],
          environment: 'node',
          // PGlite starts in about 2 s (several times that on busy cores): one database per test
          // file, opened in beforeAll, files in parallel.
          pool: 'forks',
          testTimeout: 300_000,
          hookTimeout: 600_000,
        },
      },
    ],
  },
});
