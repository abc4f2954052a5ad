import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/__tests__/**/*.test.{ts,tsx}'],
    environment: 'node',
    // Type-level tests (`*.test-d.ts`): wrong usage of the typed APIs must not compile.
    typecheck: { enabled: true, include: ['src/**/__tests__/**/*.test-d.ts'] },
  },
});
