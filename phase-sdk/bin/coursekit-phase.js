#!/usr/bin/env node
// The `coursekit-phase` command (`coursekit-phase publish`). Committed, not built, like
// create-coursekit-phase; the command itself is src/cli/publish/runPhaseCli.ts.
import { existsSync } from 'node:fs';

const entry = new URL('../dist/cli/publish/runPhaseCli.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write(
    'coursekit-phase: @coursekit/phase-sdk is not built yet; run `npx turbo run build --filter=@coursekit/phase-sdk` first.\n',
  );
  process.exit(1);
}
const { runPhaseCli } = await import(entry.href);
process.exitCode = await runPhaseCli(process.argv.slice(2));
