import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/__tests__/**/*.test.ts'],
    // PGlite starts in about 2 s (several times that on busy cores): one database per test file,
    // opened in beforeAll, files in parallel on two cores. Time limits catch a hang, never a slow
    // machine: they are far above what a test or a start-up takes under load.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 300_000,
    hookTimeout: 600_000,
  },
});
