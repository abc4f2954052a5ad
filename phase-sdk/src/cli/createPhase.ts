/**
 * `createPhase` makes a new phase package from the template: it checks the name, the folder and
 * the ports first (so a refusal writes nothing), copies and renames the template into a temporary
 * sibling folder and moves it into place in one rename (so a failure leaves no half phase), then
 * installs (from the workspace root inside a monorepo) and says what to do next.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { CreatePhaseError } from './CreatePhaseError.js';
import { copyTemplate } from './copyTemplate.js';
import { findTemplate, SDK_ROOT } from './findTemplate.js';
import { findWorkspace, isWorkspaceMember, usedPorts, type Workspace } from './findWorkspace.js';
import { nextSteps } from './nextSteps.js';
import { type PhaseNames, phaseNames } from './phaseNames.js';
import { assertNameFree, validatePhaseName } from './validatePhaseName.js';

export interface CreatePhaseOptions {
  name: string | undefined;
  /** Include the Fastify server (`--server`); otherwise a client-only phase. */
  server?: boolean;
  /** Where to create it; default `<workspace>/phases/<name>`, or `./<name>` outside a monorepo. */
  dir?: string | undefined;
  title?: string | undefined;
  /** The server's default port; default the first free one from 4102. */
  port?: number | undefined;
  /** The remote's `rspack serve` port; default the next free one. */
  devPort?: number | undefined;
  /** The core (registry) the phase works with: its server trusts its tokens; default `http://localhost:4000`. */
  coreUrl?: string | undefined;
  /** Run `npm install` (default true). */
  install?: boolean;
  cwd?: string;
  /** Where progress and next steps go; default stdout. */
  log?: (line: string) => void;
}

export interface CreatedPhase {
  dir: string;
  names: PhaseNames;
  kind: 'client-only' | 'client-and-server';
  files: string[];
  /** Where `npm install` ran, or `undefined` when it was skipped. */
  installedIn: string | undefined;
}

const FIRST_PORT = 4102;

function freePort(taken: Set<number>): number {
  let port = FIRST_PORT;
  while (taken.has(port)) port++;
  taken.add(port);
  return port;
}

function checkPort(flag: string, port: number | undefined): void {
  if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65536)) {
    throw new CreatePhaseError(`${flag} must be a port number between 1 and 65535 (got ${port}).`);
  }
}

/** The origin of `--core-url`, checked: `https://coursekit.example.com/` → `https://coursekit.example.com`. */
function coreOrigin(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (!parsed || !/^https?:$/.test(parsed.protocol) || parsed.pathname !== '/') {
    throw new CreatePhaseError(
      `--core-url must be the core's origin, such as https://coursekit.example.com (got "${url}").`,
    );
  }
  return parsed.origin;
}

function targetDir(options: CreatePhaseOptions, name: string, cwd: string, ws?: Workspace) {
  if (options.dir) return resolve(cwd, options.dir);
  if (ws && existsSync(join(ws.root, 'phases'))) return join(ws.root, 'phases', name);
  return resolve(cwd, name);
}

/**
 * @example
 * await createPhase({ name: 'peer-review', server: true, install: false });
 */
export async function createPhase(options: CreatePhaseOptions): Promise<CreatedPhase> {
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const cwd = options.cwd ?? process.cwd();
  const name = validatePhaseName(options.name);
  const server = options.server ?? false;
  checkPort('--port', options.port);
  checkPort('--dev-port', options.devPort);
  if (options.title !== undefined && !options.title.trim()) {
    throw new CreatePhaseError('--title must not be empty.');
  }
  const coreUrl = coreOrigin(options.coreUrl);

  const workspace = findWorkspace(options.dir ? dirname(resolve(cwd, options.dir)) : cwd);
  const dir = targetDir(options, name, cwd, workspace);
  if (workspace) {
    assertNameFree(name, workspace.packages);
    const phasesDir = join(workspace.root, 'phases', name);
    if (existsSync(phasesDir) && readdirSync(phasesDir).length > 0) {
      throw new CreatePhaseError(`The phase name "${name}" is taken: ${phasesDir} exists.`);
    }
  }
  if (existsSync(dir) && readdirSync(dir).length > 0) {
    throw new CreatePhaseError(
      `${dir} already exists and is not empty; pick another name or --dir.`,
    );
  }

  const taken = usedPorts(workspace?.packages ?? []);
  if (options.port !== undefined) taken.add(options.port);
  if (options.devPort !== undefined) taken.add(options.devPort);
  const serverPort = options.port ?? freePort(taken);
  const devPort = options.devPort ?? freePort(taken);
  if (server && serverPort === devPort) {
    throw new CreatePhaseError(`--port and --dev-port must differ (both are ${serverPort}).`);
  }
  const names = phaseNames(name, { title: options.title?.trim(), serverPort, devPort, coreUrl });
  const sdkVersion = (
    JSON.parse(readFileSync(join(SDK_ROOT, 'package.json'), 'utf8')) as { version: string }
  ).version;

  // Everything is checked: write into a temporary sibling, then move it into place at once.
  const staging = join(dirname(dir), `.${basename(dir)}.creating-${process.pid}`);
  let files: string[];
  try {
    files = copyTemplate({ template: findTemplate(), target: staging, names, server, sdkVersion });
    if (existsSync(dir)) rmSync(dir, { recursive: true }); // an empty folder the user made
    renameSync(staging, dir);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  const kind = server ? 'client-and-server' : 'client-only';
  const shown = relative(cwd, dir) || '.';
  log(`Created the ${kind} phase "${name}" (${names.packageName}) in ${shown}`);

  let installedIn: string | undefined;
  if (options.install ?? true) {
    const inWorkspace = workspace && isWorkspaceMember(workspace, dir);
    if (workspace && !inWorkspace) {
      log(
        `Not installing: ${shown} is inside the workspace at ${workspace.root} but matches none of its "workspaces" patterns; add it there, then run npm install at the root.`,
      );
    } else {
      installedIn = inWorkspace ? workspace.root : dir;
      log(`Installing with npm in ${relative(cwd, installedIn) || '.'} …`);
      const result = spawnSync('npm', ['install'], { cwd: installedIn, stdio: 'inherit' });
      if (result.status !== 0) {
        throw new CreatePhaseError(
          `npm install failed in ${installedIn} (${result.error?.message ?? `exit status ${result.status}`}); the phase is in place, run npm install there yourself.`,
        );
      }
    }
  }
  log(nextSteps({ dir: shown, names, server, installed: installedIn !== undefined }));
  return { dir, names, kind, files, installedIn };
}
