import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/__tests__/**/*.test.{ts,tsx}'],
    environment: 'node',
    // Time limits catch a hang, never a slow machine (the scaffolder's end-to-end test sets its own).
    testTimeout: 120_000,
    // Type-level tests (`*.test-d.ts`): wrong usage of the typed APIs must not compile.
    typecheck: { enabled: true, include: ['src/**/__tests__/**/*.test-d.ts'] },
  },
});
