// Unit and component tests: happy-dom stands in for the browser; the MF runtime is mocked per test.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'happy-dom',
    include: ['src/**/__tests__/*.test.{ts,tsx}', 'build/__tests__/*.test.mjs'],
    setupFiles: ['./src/test/setup.ts'],
    restoreMocks: true,
    // Time limits catch a hang, never a slow machine: far above what a test takes on busy cores.
    testTimeout: 120_000,
  },
});
