#!/usr/bin/env node
// The `create-coursekit-phase` command. This file is committed, not built, so that npm links it
// on a fresh install even before the SDK is built; the command itself is src/cli/runCli.ts.
import { existsSync } from 'node:fs';

const entry = new URL('../dist/cli/runCli.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write(
    'create-coursekit-phase: @coursekit/phase-sdk is not built yet; run `npx turbo run build --filter=@coursekit/phase-sdk` (or npm run build in phase-sdk/) first.\n',
  );
  process.exit(1);
}
const { runCli } = await import(entry.href);
process.exitCode = await runCli(process.argv.slice(2));
