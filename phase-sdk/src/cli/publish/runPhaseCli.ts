/**
 * The `coursekit-phase` command (started by `bin/coursekit-phase.js`); its one subcommand is
 * `publish`. User mistakes and registry refusals print their message and give exit status 1;
 * anything else is a bug and prints its stack.
 */
import { parseArgs } from 'node:util';
import { CreatePhaseError as CliError } from '../CreatePhaseError.js';
import { publishPhase } from './publishPhase.js';

export const PHASE_CLI_USAGE = `Usage: coursekit-phase publish [--token TOKEN] [--registry URL] [--dir DIST]

Uploads a built client-only phase (phase.json and every file it lists) to the registry, which
checks each file's SHA-384, stores the build and registers its version.

  --token TOKEN    an API token from Administration → Publishing (default: $COURSEKIT_TOKEN);
                   without one, signs in with dev login (development registries only)
  --registry URL   the registry (default: $COURSEKIT_REGISTRY or http://localhost:4000)
  --email EMAIL    the user for dev login when there is no token (default: admin@coursekit.test)
  --dir DIST       the build folder (default: dist)`;

export async function runPhaseCli(argv: string[]): Promise<number> {
  try {
    const { values, positionals } = (() => {
      try {
        return parseArgs({
          args: argv,
          allowPositionals: true,
          options: {
            registry: { type: 'string' },
            token: { type: 'string' },
            email: { type: 'string' },
            dir: { type: 'string' },
            help: { type: 'boolean', short: 'h' },
          },
        });
      } catch (error) {
        throw new CliError(`${(error as Error).message}\n\n${PHASE_CLI_USAGE}`);
      }
    })();
    if (values.help) {
      process.stdout.write(`${PHASE_CLI_USAGE}\n`);
      return 0;
    }
    if (positionals.length !== 1 || positionals[0] !== 'publish')
      throw new CliError(`Unknown command "${positionals.join(' ')}".\n\n${PHASE_CLI_USAGE}`);
    await publishPhase({
      registry: values.registry ?? process.env.COURSEKIT_REGISTRY ?? 'http://localhost:4000',
      token: values.token ?? (process.env.COURSEKIT_TOKEN || undefined),
      email: values.email ?? 'admin@coursekit.test',
      dir: values.dir ?? 'dist',
      log: (line) => process.stdout.write(`${line}\n`),
    });
    return 0;
  } catch (error) {
    if (error instanceof CliError) {
      process.stderr.write(`coursekit-phase: ${error.message}\n`);
    } else {
      process.stderr.write('coursekit-phase failed unexpectedly (a bug):\n');
      process.stderr.write(
        `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
    }
    return 1;
  }
}
