// Builds this package's browser part as a Coursekit phase remote (dist/: mf-manifest.json,
// remoteEntry.js, phase.json); every platform rule lives in the SDK's helper. `rspack serve` (npm
// run dev) serves it on devPort with CORS, for registering a development build with the core.
import { definePhaseConfig } from '@coursekit/phase-sdk/build';

export default (_env, argv) =>
  definePhaseConfig({
    projectDir: import.meta.dirname,
    mode: argv.mode ?? 'production',
    devPort: 4103,
  });
