/**
 * `npm start` after its build: start every server of the platform (platformServers), each with its
 * own environment, prefix their output with their name, and print "ready" with every URL only once
 * each of them answers 200 on `/readyz`, so the printed URL never meets a gateway that answers 502
 * because a phase server is still starting. If any server stops, the others are stopped too and
 * the exit code says so; Ctrl-C (SIGINT) or SIGTERM stops them all gracefully.
 *
 * Usage: node tools/dist/startPlatform.js   (environment: PORT, HOST, MATCHING_PORT, PUBLIC_URL, …)
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { PlatformConfigError, platformServers, type ServerSpec } from './platformServers.js';
import { portIsFree } from './portIsFree.js';
import { waitUntilReady } from './waitUntilReady.js';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

const out = (line: string) => process.stdout.write(`${line}\n`);
const fail = (message: string): never => {
  process.stderr.write(`\nerror: ${message}\n`);
  process.exit(1);
};

interface Running {
  spec: ServerSpec;
  child: ChildProcess;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function launch(spec: ServerSpec, width: number): Running {
  const child = spawn(process.execPath, [spec.entry], {
    cwd: spec.cwd,
    env: { ...process.env, ...spec.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const prefix = `${spec.name.padEnd(width)} │ `;
  for (const stream of [child.stdout, child.stderr]) {
    if (stream) createInterface({ input: stream }).on('line', (line) => out(prefix + line));
  }
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { spec, child, exited };
}

async function stopAll(running: Running[]): Promise<void> {
  for (const { child } of running) if (child.exitCode === null) child.kill('SIGTERM');
  await Promise.all(running.map(({ exited }) => exited));
}

function banner(servers: ServerSpec[]): string[] {
  const [registry] = servers;
  const width = Math.max(...servers.map((server) => server.name.length));
  return [
    '',
    `  Coursekit is ready: open ${registry?.url}`,
    ...servers.map(
      (server) =>
        `    ${server.name.padEnd(width)}  ${server.url.padEnd(24)} ${server.description}`,
    ),
    '  Stop with Ctrl-C.',
    '',
  ];
}

async function main(): Promise<void> {
  let servers: ServerSpec[];
  try {
    servers = platformServers(process.env, REPO_ROOT);
  } catch (error) {
    if (error instanceof PlatformConfigError) return fail(error.message);
    throw error;
  }
  for (const server of servers) {
    if (!existsSync(server.entry)) {
      fail(`${server.entry} is missing: build first (npm start does; or npx turbo run build).`);
    }
  }
  for (const server of servers) {
    const host = server.env.HOST ?? server.env.PHASE_SERVER_HOST ?? 'localhost';
    if (!(await portIsFree(server.port, host))) {
      const others = servers.map((s) => `${s.name} ${s.portVariable}=${s.port}`).join(', ');
      fail(
        `port ${server.port} (${server.name}, ${server.portVariable}) is in use by another program. ` +
          `npm start needs ${others}. Pick free ports, e.g. PORT=4010 npm start ` +
          '(the matching server then takes PORT + 102), or stop the other program.',
      );
    }
  }

  const width = Math.max(...servers.map((server) => server.name.length));
  const running = servers.map((spec) => launch(spec, width));
  let stopping = false;
  const stop = async (exitCode: number) => {
    if (stopping) return;
    stopping = true;
    await stopAll(running);
    process.exit(exitCode);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
  for (const { spec, exited } of running) {
    void exited.then(({ code, signal }) => {
      if (stopping) return;
      process.stderr.write(
        `\nerror: the ${spec.name} server stopped (${signal ?? `exit code ${code}`}); its output is above. Stopping the others.\n`,
      );
      void stop(1);
    });
  }

  out(`Starting ${servers.map((s) => `${s.name} on ${s.url}`).join(', ')} …`);
  const ready = await Promise.all(
    running.map(({ spec, exited }) =>
      waitUntilReady(spec.url, {
        stopped: exited,
        onSlow: (lastSeen) => out(`… still waiting for the ${spec.name} server (${lastSeen})`),
      }),
    ),
  );
  if (ready.every(Boolean) && !stopping) out(banner(servers).join('\n'));
}

await main();
