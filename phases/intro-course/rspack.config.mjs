// Builds this package as a Coursekit phase remote; every platform rule lives in the SDK's helper.
import { readFileSync } from 'node:fs';
import { definePhaseConfig } from '@coursekit/phase-sdk/build';

// The checklist's per-course settings: validated by the registry, edited as a generated form.
const configSchema = JSON.parse(
  readFileSync(new URL('./config.schema.json', import.meta.url), 'utf8'),
);

export default (_env, argv) =>
  definePhaseConfig({
    projectDir: import.meta.dirname,
    mode: argv.mode ?? 'production',
    devPort: 4101,
    configSchema,
  });
