// Component tests: happy-dom stands in for the browser, the SDK's TestPhaseProvider for the host.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'happy-dom',
    include: ['src/**/__tests__/*.test.{ts,tsx}'],
    setupFiles: ['./src/test/setup.ts'],
  },
});
