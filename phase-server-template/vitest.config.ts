// Two test projects: the remote's components in a simulated browser (happy-dom), and the server's
// routes in Node on real databases (PGlite, and PostgreSQL via TEST_DATABASE_URL).
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
        },
      },
      {
        test: {
          name: 'server',
          include: ['server/src/**/__tests__/**/*.test.ts'],
          environment: 'node',
          // PGlite starts in about 2 s: one database per test file, files in parallel.
          pool: 'forks',
          testTimeout: 20_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
