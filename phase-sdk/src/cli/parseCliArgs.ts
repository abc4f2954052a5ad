/**
 * The command line of `create-coursekit-phase`, parsed with Node's own `parseArgs`: unknown flags
 * and missing values are refused with the usage, never ignored.
 */
import { parseArgs } from 'node:util';
import { CreatePhaseError } from './CreatePhaseError.js';
import type { CreatePhaseOptions } from './createPhase.js';

export const USAGE = `Usage: create-coursekit-phase <name> [options]

Creates a Coursekit phase package from the template (in a monorepo: phases/<name>).

Options:
  --server             include a Fastify server with its own database (client-and-server)
  --dir <path>         where to create it (default phases/<name> in a monorepo, else ./<name>)
  --title <text>       the phase's title (default from the name: peer-review → "Peer review")
  --port <n>           the server's default port (default: the first free one from 4102)
  --dev-port <n>       the remote's dev-server port (default: the next free one)
  --core-url <url>     the Coursekit core (registry) the phase works with (default http://localhost:4000)
  --no-install         do not run npm install
  -h, --help           show this help`;

export type CliCommand = { help: true } | { help: false; options: CreatePhaseOptions };

function port(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value))
    throw new CreatePhaseError(`${flag} must be a number (got "${value}").`);
  return Number(value);
}

export function parseCliArgs(argv: string[]): CliCommand {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    throw new CreatePhaseError(`${(error as Error).message}\n\n${USAGE}`);
  }
  const { values, positionals } = parsed;
  if (values.help) return { help: true };
  if (positionals.length > 1) {
    throw new CreatePhaseError(
      `Give one phase name (got ${positionals.map((p) => `"${p}"`).join(', ')}).\n\n${USAGE}`,
    );
  }
  return {
    help: false,
    options: {
      name: positionals[0],
      server: values.server ?? false,
      dir: values.dir,
      title: values.title,
      port: port('--port', values.port),
      devPort: port('--dev-port', values['dev-port']),
      coreUrl: values['core-url'],
      install: !(values['no-install'] ?? false),
    },
  };
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      server: { type: 'boolean' },
      dir: { type: 'string' },
      title: { type: 'string' },
      port: { type: 'string' },
      'dev-port': { type: 'string' },
      'core-url': { type: 'string' },
      'no-install': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}
