// Builds this package as a Coursekit phase remote; every platform rule lives in the SDK's helper.
import { definePhaseConfig } from '@coursekit/phase-sdk/build';

export default (_env, argv) =>
  definePhaseConfig({
    projectDir: import.meta.dirname,
    mode: argv.mode ?? 'production',
    devPort: 4101,
  });
