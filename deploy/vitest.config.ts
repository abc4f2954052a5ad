import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The replica test runs real processes (two registries, nginx, PostgreSQL): one file at a time.
    pool: 'forks',
    maxWorkers: 1,
    // Time limits catch a hang, never a slow machine: far above what a start-up takes under load.
    testTimeout: 300_000,
    hookTimeout: 600_000,
  },
});
