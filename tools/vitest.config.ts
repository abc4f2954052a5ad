// The orchestrator's tests start the real built servers as child processes (PGlite on disk): time
// limits here only catch a hang, they never decide whether a slow machine passes.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/__tests__/**/*.test.ts'],
    environment: 'node',
    testTimeout: 300_000,
    hookTimeout: 600_000,
  },
});
