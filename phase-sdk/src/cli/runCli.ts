/**
 * The `create-coursekit-phase` command (started by `bin/create-coursekit-phase.js`). User mistakes
 * print their message and give exit status 1; anything else is a bug and prints its stack.
 */
import { CreatePhaseError } from './CreatePhaseError.js';
import { createPhase } from './createPhase.js';
import { parseCliArgs, USAGE } from './parseCliArgs.js';

/**
 * Run the command with `argv` (without `node` and the script) and resolve to its exit status.
 *
 * @example
 * process.exitCode = await runCli(['peer-review', '--server']);
 */
export async function runCli(argv: string[]): Promise<number> {
  try {
    const command = parseCliArgs(argv);
    if (command.help) process.stdout.write(`${USAGE}\n`);
    else await createPhase(command.options);
    return 0;
  } catch (error) {
    if (error instanceof CreatePhaseError) {
      process.stderr.write(`create-coursekit-phase: ${error.message}\n`);
    } else {
      process.stderr.write('create-coursekit-phase failed unexpectedly (a bug):\n');
      process.stderr.write(
        `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
    }
    return 1;
  }
}
