import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/__tests__/**/*.test.{ts,tsx}'],
    environment: 'node',
    // Time limits catch a hang, never a slow machine (the scaffolder's end-to-end test sets its own).
    testTimeout: 120_000,
    // The server kit's suites start PGlite once per file: about 2 s on a quiet machine, and more
    // than a minute on a machine as busy as a CI runner shared with other builds can be.
    hookTimeout: 180_000,
    // Type-level tests (`*.test-d.ts`): wrong usage of the typed APIs must not compile.
    typecheck: { enabled: true, include: ['src/**/__tests__/**/*.test-d.ts'] },
  },
});
