/**
 * `coursekit-phase publish`: read a built client-only phase (`dist/`: `phase.json` and every file
 * it lists, none of them a link or outside the folder), check the descriptor locally, authenticate
 * (an API token, or dev login in development) and upload it to `POST /api/phase-bundles`, printing
 * a line per step and a summary of the published version. A refusal prints the registry's problem
 * `detail` and each field error.
 */
import { lstat, readFile, realpath } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { CSRF_HEADER } from '../../client/CoreClient.js';
import {
  API_TOKEN_PREFIX,
  MAX_PUBLISH_BYTES,
  PHASE_DESCRIPTOR_FILE,
  PhaseDescriptor,
  PhaseVersion,
  Problem,
} from '../../contract/index.js';
import { CreatePhaseError as CliError } from '../CreatePhaseError.js';

export interface PublishOptions {
  registry: string;
  /** An API token (`ckp_…`); without one, dev login as `email` (development only). */
  token?: string | undefined;
  email: string;
  dir: string;
  log: (line: string) => void;
}

/** Refuse a listed file that is a symbolic link or resolves outside the build folder. */
async function assertInside(dir: string, path: string): Promise<void> {
  const file = join(dir, path);
  const stat = await lstat(file).catch(() => null);
  if (!stat) return; // missing: reported when it is read
  if (stat.isSymbolicLink())
    throw new CliError(
      `${path} in ${dir} is a symbolic link; publish real files only (copy the target into the build).`,
    );
  const inside = relative(await realpath(dir), await realpath(file));
  if (inside.startsWith(`..${sep}`) || inside === '..' || inside.startsWith(sep))
    throw new CliError(
      `${path} resolves outside ${dir}; publish files inside the build folder only.`,
    );
}

async function readBuild(dir: string): Promise<{
  descriptor: PhaseDescriptor;
  files: Record<string, string>;
  bytes: number;
  /** How many of `files` are `.br`/`.gz` copies of listed files. */
  copies: number;
}> {
  let raw: string;
  try {
    raw = await readFile(join(dir, PHASE_DESCRIPTOR_FILE), 'utf8');
  } catch {
    throw new CliError(
      `No ${PHASE_DESCRIPTOR_FILE} in ${dir}; build the phase first (npm run build).`,
    );
  }
  let parsed: ReturnType<typeof PhaseDescriptor.safeParse>;
  try {
    parsed = PhaseDescriptor.safeParse(JSON.parse(raw));
  } catch {
    throw new CliError(`${join(dir, PHASE_DESCRIPTOR_FILE)} is not JSON; rebuild the phase.`);
  }
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new CliError(`${join(dir, PHASE_DESCRIPTOR_FILE)} is malformed: ${issues.join('; ')}.`);
  }
  const descriptor = parsed.data;
  if (descriptor.kind !== 'client-only') {
    throw new CliError(
      `"${descriptor.name}" is a ${descriptor.kind} phase; only client-only phases can be published (register the others by URL).`,
    );
  }
  const files: Record<string, string> = {
    [PHASE_DESCRIPTOR_FILE]: Buffer.from(raw).toString('base64'),
  };
  let bytes = raw.length;
  let copies = 0;
  for (const path of Object.keys(descriptor.integrity)) {
    await assertInside(dir, path);
    let content: Buffer;
    try {
      content = await readFile(join(dir, path));
    } catch {
      throw new CliError(
        `${path} is listed in phase.json but missing from ${dir}; rebuild the phase.`,
      );
    }
    bytes += content.length;
    files[path] = content.toString('base64');
    // The build's precompressed copies, which the registry checks and serves to browsers.
    for (const copy of [`${path}.br`, `${path}.gz`]) {
      if (Object.hasOwn(descriptor.integrity, copy)) continue;
      await assertInside(dir, copy);
      const encoded = await readFile(join(dir, copy)).catch(() => null);
      if (!encoded) continue;
      files[copy] = encoded.toString('base64');
      copies += 1;
    }
  }
  return { descriptor, files, bytes, copies };
}

async function problemOf(response: Response): Promise<string> {
  const text = await response.text();
  try {
    const problem = Problem.parse(JSON.parse(text));
    const fields = (problem.errors ?? []).map((e) => `\n  - ${e.path}: ${e.message}`).join('');
    return `${problem.detail ?? problem.title} (${response.status} ${problem.code})${fields}`;
  } catch {
    return `HTTP ${response.status}: ${text.slice(0, 300)}`;
  }
}

async function request(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (error) {
    throw new CliError(
      `Cannot reach the registry at ${url} (${error instanceof Error ? error.message : String(error)}); is it running? Give its address with --registry.`,
    );
  }
}

/** Publish the build in `options.dir`; resolves to the published version. */
export async function publishPhase(options: PublishOptions): Promise<PhaseVersion> {
  const { log } = options;
  const registry = options.registry.replace(/\/+$/, '');
  const { descriptor, files, bytes, copies } = await readBuild(options.dir);
  const body = JSON.stringify({ files });
  log(
    `Read ${descriptor.name} ${descriptor.version} from ${options.dir}: ${Object.keys(files).length - copies} files, ${(bytes / 1024).toFixed(1)} KiB${copies ? ` (and ${copies} compressed copies)` : ''}.`,
  );
  if (body.length > MAX_PUBLISH_BYTES) {
    throw new CliError(
      `The upload is ${(body.length / 1048576).toFixed(1)} MB, over the registry's limit of ${MAX_PUBLISH_BYTES / 1048576} MB; leave source maps out of the build or split the phase.`,
    );
  }

  const auth = await authenticate(registry, options);

  log(`Uploading ${(body.length / 1024).toFixed(1)} KiB to ${registry}...`);
  const bytesOut = Buffer.from(body);
  const response = await request(`${registry}/api/phase-bundles`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'content-length': String(bytesOut.length),
      [CSRF_HEADER]: '1',
      ...auth,
    },
    body: uploadWithProgress(bytesOut, log),
    duplex: 'half',
  } as RequestInit);
  if (!response.ok)
    throw new CliError(`The registry refused the build: ${await problemOf(response)}`);
  const version = PhaseVersion.parse(await response.json());
  log(
    response.status === 201
      ? `Published ${descriptor.name} ${version.version}: ${version.descriptorUrl}`
      : `${descriptor.name} ${version.version} was already published with these exact files: ${version.descriptorUrl}`,
  );
  log(
    [
      '',
      `  phase      ${descriptor.name} ${version.version} (${version.status})`,
      `  files      ${Object.keys(files).length - copies}, ${(bytes / 1024).toFixed(1)} KiB, every SHA-384 checked by the registry`,
      `  descriptor ${version.descriptorUrl}`,
      `  next       pin it in a course: Administration → the course → Composition`,
    ].join('\n'),
  );
  return version;
}

const UPLOAD_CHUNK = 256 * 1024;

/** The body as a stream that logs each quarter as it is sent (uploads over 1 MiB only). */
function uploadWithProgress(
  bytes: Buffer,
  log: (line: string) => void,
): ReadableStream<Uint8Array> | Buffer {
  if (bytes.length <= 4 * UPLOAD_CHUNK) return bytes;
  let sent = 0;
  let reported = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= bytes.length) {
        controller.close();
        log('Uploaded; the registry is checking every file...');
        return;
      }
      const chunk = bytes.subarray(sent, sent + UPLOAD_CHUNK);
      sent += chunk.length;
      controller.enqueue(chunk);
      const quarter = Math.floor((sent / bytes.length) * 4);
      if (quarter > reported) {
        reported = quarter;
        log(
          `  ${quarter * 25}% (${(sent / 1024).toFixed(0)} of ${(bytes.length / 1024).toFixed(0)} KiB)`,
        );
      }
    },
  });
}

/** The headers that authenticate the upload: the API token, or a dev-login session cookie. */
async function authenticate(
  registry: string,
  options: PublishOptions,
): Promise<Record<string, string>> {
  if (options.token) {
    if (!options.token.startsWith(API_TOKEN_PREFIX))
      throw new CliError(
        `The token does not look like a Coursekit API token (they start with "${API_TOKEN_PREFIX}"); copy it again from Administration → Publishing.`,
      );
    options.log(`Authenticating to ${registry} with an API token.`);
    return { authorization: `Bearer ${options.token}` };
  }
  options.log(
    `Signing in to ${registry} as ${options.email} (dev login; pass --token or COURSEKIT_TOKEN elsewhere)...`,
  );
  const login = await request(`${registry}/api/auth/dev-login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [CSRF_HEADER]: '1' },
    body: JSON.stringify({ email: options.email }),
  });
  if (!login.ok)
    throw new CliError(
      `Sign-in failed: ${await problemOf(login)}. Outside development, publish with --token (an API token from Administration → Publishing).`,
    );
  const cookie = login.headers
    .getSetCookie()
    .map((header) => header.split(';')[0])
    .join('; ');
  return { cookie };
}
