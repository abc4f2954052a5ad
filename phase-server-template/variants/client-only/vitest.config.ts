// The phase's components in a simulated browser (happy-dom), rendered inside TestPhaseProvider.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/__tests__/**/*.test.{ts,tsx}'],
    environment: 'happy-dom',
    setupFiles: ['./src/test/setup.ts'],
    // Time limits catch a hang, never a slow machine.
    testTimeout: 120_000,
  },
});
