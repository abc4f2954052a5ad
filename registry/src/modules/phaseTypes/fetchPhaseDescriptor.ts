/**
 * Fetch and validate a phase build's `phase.json` and its MF manifest before the registry accepts
 * the version: reachable, well-formed, `./Phase` exposed, built for a compatible SDK. Each failure
 * is a 422 that names the reason, so an admin can fix the build rather than guess.
 */
import { PHASE_EXPOSE, PhaseDescriptor, SDK_VERSION } from '@coursekit/phase-sdk/contract';
import semver from 'semver';
import { z } from 'zod';
import { AppError } from '../../errors.js';

const MAX_BYTES = 1_000_000;

/** The part of an `mf-manifest.json` we rely on. */
const MfManifest = z.object({
  name: z.string(),
  metaData: z.object({ remoteEntry: z.object({ name: z.string() }) }).loose(),
  exposes: z.array(z.object({ path: z.string() }).loose()),
});

const rejected = (detail: string) => new AppError('CK_PHASE_DESCRIPTOR_INVALID', detail);

async function fetchJson(url: string, what: string, timeoutMs: number): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url, {
      signal: AbortSignal.timeout(timeoutMs),
      headers: { accept: 'application/json' },
    });
  } catch (cause) {
    const reason =
      cause instanceof Error && cause.name === 'TimeoutError'
        ? `no answer within ${timeoutMs} ms`
        : String((cause as Error)?.cause ?? cause);
    throw rejected(`The ${what} at ${url} is unreachable: ${reason}.`);
  }
  if (!response.ok)
    throw rejected(
      `The ${what} at ${url} answered HTTP ${response.status}; publish the build there first.`,
    );
  const text = await response.text();
  if (text.length > MAX_BYTES)
    throw rejected(`The ${what} at ${url} is larger than ${MAX_BYTES} bytes.`);
  try {
    return JSON.parse(text);
  } catch {
    throw rejected(`The ${what} at ${url} is not JSON.`);
  }
}

export interface ValidatedPhaseBuild {
  descriptor: PhaseDescriptor;
  manifestUrl: string;
}

export async function fetchPhaseDescriptor(
  descriptorUrl: string,
  timeoutMs = 5000,
): Promise<ValidatedPhaseBuild> {
  const raw = await fetchJson(descriptorUrl, 'phase descriptor', timeoutMs);
  const parsed = PhaseDescriptor.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map(
      (issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`,
    );
    throw new AppError(
      'CK_PHASE_DESCRIPTOR_INVALID',
      `The phase descriptor at ${descriptorUrl} is malformed: ${issues.join('; ')}.`,
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
  const manifestUrl = new URL(descriptor.manifest, descriptorUrl).href;
  const manifest = MfManifest.safeParse(
    await fetchJson(manifestUrl, 'Module Federation manifest', timeoutMs),
  );
  if (!manifest.success)
    throw rejected(`The Module Federation manifest at ${manifestUrl} is malformed.`);
  if (manifest.data.name !== descriptor.name) {
    throw rejected(
      `The manifest at ${manifestUrl} is for the remote "${manifest.data.name}", not "${descriptor.name}"; the MF name must equal the phase name.`,
    );
  }
  if (!manifest.data.exposes.some((expose) => expose.path === PHASE_EXPOSE)) {
    throw rejected(`The manifest at ${manifestUrl} does not expose "${PHASE_EXPOSE}".`);
  }
  return { descriptor, manifestUrl };
}
