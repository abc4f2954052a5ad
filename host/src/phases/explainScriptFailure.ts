/**
 * A script that fails to load tells the page nothing about why: a 404, a server error and a file
 * refused by its `integrity` attribute all look the same. After such a failure the host fetches
 * the file once more itself, to tell the user and the operator which it was: the HTTP status, or
 * that its bytes are not the ones recorded (integrity). Nothing of it runs.
 */
import { PhaseLoadError } from './PhaseLoadError';
import { expectedIntegrity, fileKey, type RemoteLoadSettings } from './remoteLoadSettings';
import { canHash, sha384 } from './sha384';

const PROBE_TIMEOUT_MS = 3_000;

export async function explainScriptFailure(
  failure: PhaseLoadError,
  settings: RemoteLoadSettings | undefined,
): Promise<PhaseLoadError> {
  if (failure.stage !== 'entry' || failure.timedOut || !failure.url || !settings) return failure;
  const key = fileKey(settings, failure.url) ?? failure.url;
  const expected = expectedIntegrity(settings, failure.url);
  let response: Response;
  let bytes: ArrayBuffer;
  try {
    response = await fetch(failure.url, {
      cache: 'no-store',
      signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
    });
    bytes = await response.arrayBuffer();
  } catch {
    return failure;
  }
  const options = { cause: failure.cause, url: failure.url };
  if (!response.ok) {
    return new PhaseLoadError(
      'entry',
      failure.phaseTitle,
      `${failure.url} answered HTTP ${response.status} ${response.statusText}`.trim(),
      { ...options, status: response.status },
    );
  }
  if (!expected && settings.enforceIntegrity) {
    return new PhaseLoadError(
      'integrity',
      failure.phaseTitle,
      `${key} is not listed in the build's integrity record; Coursekit runs no phase file it cannot check.`,
      options,
    );
  }
  if (expected && canHash()) {
    const actual = await sha384(bytes);
    if (actual !== expected) {
      return new PhaseLoadError(
        'integrity',
        failure.phaseTitle,
        `${key} does not match its recorded hash (expected ${expected}, got ${actual}); the browser refused to run it.`,
        options,
      );
    }
  }
  return failure;
}
