/**
 * Fetch and validate a phase build's `phase.json` and its MF manifest before the registry accepts
 * the version: reachable, well-formed, `./Phase` exposed, built for a compatible SDK, and every
 * file `phase.json` lists (the manifest and the remote entry at least) byte for byte what its
 * SHA-384 says. Each failure is a 422 that names the reason, so an admin can fix the build rather
 * than guess; what the network answered is not repeated. Every download goes through `safeFetch`,
 * which holds the registry's policy on addresses, size and time.
 */
import {
  PHASE_EXPOSE,
  PhaseDescriptor,
  type PhaseFirstRender,
  SDK_VERSION,
  storableText,
} from '@coursekit/phase-sdk/contract';
import semver from 'semver';
import { z } from 'zod';
import { AppError } from '../../errors.js';
import { type FetchPolicy, SafeFetchError, safeFetch } from '../../net/safeFetch.js';
import {
  compareFile,
  type IntegrityProblem,
  integrityError,
  mapLimited,
  missingEntryFiles,
  remoteEntryPath,
} from '../releases/buildIntegrity.js';
import { firstRenderFiles } from './firstRenderFiles.js';

const MAX_JSON_BYTES = 1_000_000;
/** A single file of a build (a chunk, a source map). */
const MAX_FILE_BYTES = 20_000_000;
const PARALLEL_DOWNLOADS = 4;

/** The part of an `mf-manifest.json` we rely on. */
export const MfManifest = z.object({
  name: storableText(),
  metaData: z
    .object({ remoteEntry: z.object({ name: storableText(), path: storableText().optional() }) })
    .loose(),
  exposes: z.array(z.object({ path: storableText() }).loose()),
});
export type MfManifest = z.infer<typeof MfManifest>;

const rejected = (detail: string) => new AppError('CK_PHASE_DESCRIPTOR_INVALID', detail);

async function download(
  url: string,
  what: string,
  policy: FetchPolicy,
  maxBytes: number,
): Promise<Buffer> {
  try {
    return (await safeFetch(url, policy, { maxBytes })).body;
  } catch (error) {
    if (error instanceof SafeFetchError) throw rejected(`The ${what} at ${url} ${error.message}.`);
    throw error;
  }
}

function parseJson(bytes: Buffer, url: string, what: string): unknown {
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    throw rejected(`The ${what} at ${url} is not JSON.`);
  }
}

export interface ValidatedPhaseBuild {
  descriptor: PhaseDescriptor;
  manifestUrl: string;
  /** What `./Phase` needs first, relative to the build folder; `null` when the manifest cannot tell. */
  firstRender: PhaseFirstRender | null;
}

/** Schema, `./Phase` and SDK range of a descriptor, wherever it came from (URL or upload). */
export function validateDescriptor(raw: unknown, source: string): PhaseDescriptor {
  const parsed = PhaseDescriptor.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map(
      (issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`,
    );
    throw new AppError(
      'CK_PHASE_DESCRIPTOR_INVALID',
      `The phase descriptor at ${source} is malformed: ${issues.join('; ')}.`,
      parsed.error.issues.map((issue) => ({
        path: ['descriptor', ...issue.path.map(String)].join('.'),
        message: issue.message,
      })),
    );
  }
  const descriptor = parsed.data;
  if (!descriptor.exposes.includes(PHASE_EXPOSE)) {
    throw rejected(
      `The phase "${descriptor.name}" does not expose "${PHASE_EXPOSE}" (it exposes ${descriptor.exposes.join(', ')}); a phase must expose its definePhase module as "${PHASE_EXPOSE}".`,
    );
  }
  if (!semver.validRange(descriptor.sdk) || !semver.satisfies(SDK_VERSION, descriptor.sdk)) {
    throw rejected(
      `The phase "${descriptor.name}" was built for SDK ${descriptor.sdk}, which this registry (SDK ${SDK_VERSION}) does not satisfy; rebuild it against @coursekit/phase-sdk ${SDK_VERSION}.`,
    );
  }
  return descriptor;
}

/** Name and `./Phase` of an MF manifest that belongs to `descriptor`. */
export function validateManifest(
  raw: unknown,
  descriptor: PhaseDescriptor,
  source: string,
): MfManifest {
  const manifest = MfManifest.safeParse(raw);
  if (!manifest.success)
    throw rejected(`The Module Federation manifest at ${source} is malformed.`);
  if (manifest.data.name !== descriptor.name) {
    throw rejected(
      `The manifest at ${source} is for the remote "${manifest.data.name}", not "${descriptor.name}"; the MF name must equal the phase name.`,
    );
  }
  if (!manifest.data.exposes.some((expose) => expose.path === PHASE_EXPOSE)) {
    throw rejected(`The manifest at ${source} does not expose "${PHASE_EXPOSE}".`);
  }
  return manifest.data;
}

export async function fetchPhaseDescriptor(
  descriptorUrl: string,
  policy: FetchPolicy,
): Promise<ValidatedPhaseBuild> {
  const descriptor = validateDescriptor(
    parseJson(
      await download(descriptorUrl, 'phase descriptor', policy, MAX_JSON_BYTES),
      descriptorUrl,
      'phase descriptor',
    ),
    descriptorUrl,
  );
  const baseUrl = new URL('.', descriptorUrl);
  const manifestUrl = new URL(descriptor.manifest, baseUrl).href;
  const manifestBytes = await download(
    manifestUrl,
    'Module Federation manifest',
    policy,
    MAX_JSON_BYTES,
  );
  const manifest = validateManifest(
    parseJson(manifestBytes, manifestUrl, 'Module Federation manifest'),
    descriptor,
    manifestUrl,
  );

  // Fail closed: the files the host loads first must be listed, and every listed file must match.
  const problems: IntegrityProblem[] = missingEntryFiles(descriptor.integrity, [
    descriptor.manifest,
    remoteEntryPath(descriptor.manifest, manifest),
  ]);
  const checked = await mapLimited(
    Object.entries(descriptor.integrity),
    PARALLEL_DOWNLOADS,
    async ([file, expected]) => {
      if (file === descriptor.manifest) return compareFile(file, expected, manifestBytes);
      try {
        const { body } = await safeFetch(new URL(file, baseUrl).href, policy, {
          maxBytes: MAX_FILE_BYTES,
        });
        return compareFile(file, expected, body);
      } catch (error) {
        if (error instanceof SafeFetchError) return { file, problem: error.message };
        throw error;
      }
    },
  );
  problems.push(...checked.filter((problem) => problem !== null));
  const mismatch = integrityError(
    `${descriptor.name} ${descriptor.version} at ${baseUrl.href}`,
    problems,
  );
  if (mismatch) throw mismatch;
  return { descriptor, manifestUrl, firstRender: firstRenderFiles(descriptor, manifest) };
}
