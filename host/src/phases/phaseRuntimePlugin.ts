/**
 * The host's Module Federation runtime plugin (listed in `runtimePlugins` of rspack.config.mjs):
 * where the MF runtime fetches a phase's manifest and inserts its scripts, this plugin applies
 * what the PhaseLoader decided for the remote (`remoteLoadSettings`):
 * - the manifest is fetched with a time-out, a non-2xx answer is a failure (not an error page
 *   parsed as a manifest), and its bytes must match the recorded SHA-384 before anything reads
 *   them; the remote entry it names must have a recorded hash too (fail closed);
 * - scripts get `integrity` + `crossorigin` from the record, so the browser refuses a changed
 *   file before it runs; the entry script of a later attempt gets a URL of its own, so a hung or
 *   failed request is never reused;
 * - an uncaught error of one of the remote's scripts (garbage served as JavaScript) is kept for
 *   the error message instead of surfacing as an uncaught error of the page;
 * - every failure becomes a `RemoteLoadError` with its stage.
 */
import type { ModuleFederationRuntimePlugin } from '@module-federation/enhanced/runtime';
import { applyScriptIntegrity, enforceScriptIntegrity } from './enforceScriptIntegrity';
import { classifyRemoteError, RemoteLoadError } from './RemoteLoadError';
import {
  expectedIntegrity,
  fileKey,
  freshUrl,
  type RemoteLoadSettings,
  remoteLoadSettings,
} from './remoteLoadSettings';
import { canHash, sha384 } from './sha384';

export const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;

/** Copy the attributes the runtime asked for onto our own script element. */
function createScriptElement(url: string, attrs: Record<string, unknown> | undefined) {
  const script = document.createElement('script');
  script.src = url;
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (name === 'async' || name === 'defer') script[name] = Boolean(value);
    else script.setAttribute(name, String(value));
  }
  return script;
}

/**
 * Keep an uncaught error thrown by this script (a syntax error in garbage served as JavaScript)
 * for the error message, and mark it handled so that it is not reported as the page's own.
 */
function catchScriptErrors(script: HTMLScriptElement, settings: RemoteLoadSettings, ms: number) {
  const onError = (event: ErrorEvent) => {
    if (!event.filename || event.filename !== script.src) return;
    event.preventDefault();
    settings.scriptError = event.message || String(event.error);
  };
  window.addEventListener('error', onError, true);
  const stop = () => window.removeEventListener('error', onError, true);
  script.addEventListener('load', stop);
  script.addEventListener('error', stop);
  setTimeout(stop, ms + 1_000);
}

const MfManifestEntry = (manifest: unknown): string | undefined => {
  const entry = (manifest as { metaData?: { remoteEntry?: { path?: string; name?: string } } })
    ?.metaData?.remoteEntry;
  if (!entry?.name) return undefined;
  return entry.path ? `${entry.path.replace(/\/$/, '')}/${entry.name}` : entry.name;
};

async function fetchManifest(
  url: string,
  init: RequestInit | undefined,
  remote: string,
  settings: RemoteLoadSettings,
): Promise<Response> {
  const key = fileKey(settings, url) ?? url;
  const expected = expectedIntegrity(settings, url);
  if (!expected && settings.enforceIntegrity) {
    throw new RemoteLoadError(
      'integrity',
      remote,
      `no integrity hash is recorded for ${key}; Coursekit loads no phase file it cannot check.`,
      { url },
    );
  }
  const timeoutMs = settings.requestTimeoutMs;
  let response: Response;
  let bytes: ArrayBuffer;
  try {
    response = await globalThis.fetch(url, {
      ...init,
      // Without WebCrypto (an insecure context) the browser checks the hash itself.
      ...(canHash() || !expected ? {} : { integrity: expected }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    bytes = await response.arrayBuffer();
  } catch (error) {
    const timedOut = (error as Error)?.name === 'TimeoutError';
    const why = timedOut ? `no answer within ${timeoutMs} ms` : (error as Error)?.message;
    throw new RemoteLoadError(
      'manifest',
      remote,
      `the manifest of ${remote} at ${url} could not be fetched (${why}).`,
      { cause: error, url, timedOut },
    );
  }
  if (!response.ok) {
    throw new RemoteLoadError(
      'manifest',
      remote,
      `the manifest of ${remote} at ${url} answered HTTP ${response.status} ${response.statusText}`.trim(),
      { url, status: response.status },
    );
  }
  if (expected && canHash()) {
    const actual = await sha384(bytes);
    if (actual !== expected) {
      throw new RemoteLoadError(
        'integrity',
        remote,
        `${key} does not match its recorded hash (expected ${expected}, got ${actual}).`,
        { url },
      );
    }
  }
  let manifest: unknown;
  try {
    manifest = JSON.parse(new TextDecoder().decode(bytes));
  } catch (error) {
    throw new RemoteLoadError('manifest', remote, `the manifest at ${url} is not JSON.`, {
      cause: error,
      url,
    });
  }
  const entry = MfManifestEntry(manifest);
  if (
    entry &&
    settings.enforceIntegrity &&
    !expectedIntegrity(settings, settings.baseUrl + entry)
  ) {
    throw new RemoteLoadError(
      'integrity',
      remote,
      `no integrity hash is recorded for ${entry}; Coursekit runs no phase script it cannot check.`,
      { url },
    );
  }
  settings.stage = 'entry';
  return new Response(bytes, { status: response.status, headers: response.headers });
}

/**
 * @example
 * // rspack.config.mjs
 * runtimePlugins: [require.resolve('./src/phases/phaseRuntimePlugin.ts')]
 */
export default function phaseRuntimePlugin(): ModuleFederationRuntimePlugin {
  enforceScriptIntegrity();
  return {
    name: 'coursekit-phase-loading',

    createScript({ url, attrs, remoteInfo }) {
      if (typeof document === 'undefined') return undefined;
      const settings = remoteInfo ? remoteLoadSettings.get(remoteInfo.name) : undefined;
      if (!settings) {
        return { script: createScriptElement(url, attrs), timeout: DEFAULT_REQUEST_TIMEOUT_MS };
      }
      const isEntry = url === remoteInfo?.entry;
      const script = createScriptElement(isEntry ? freshUrl(url, settings.generation) : url, attrs);
      const hash = expectedIntegrity(settings, url);
      if (hash) {
        script.integrity = hash;
        script.crossOrigin = 'anonymous';
      } else {
        applyScriptIntegrity(script, url);
      }
      catchScriptErrors(script, settings, settings.requestTimeoutMs);
      if (isEntry) {
        script.addEventListener('load', () => {
          settings.stage = 'expose';
        });
      }
      return { script, timeout: settings.requestTimeoutMs };
    },

    async fetch(url, init, remoteInfo) {
      const remote = remoteInfo?.name ?? url;
      const settings = remoteInfo ? remoteLoadSettings.get(remoteInfo.name) : undefined;
      if (settings) return fetchManifest(url, init, remote, settings);
      const response = await globalThis.fetch(url, init).catch((error: unknown) => {
        throw classifyRemoteError(error, remote);
      });
      if (!response.ok) {
        throw new RemoteLoadError('manifest', remote, `${url} answered HTTP ${response.status}.`, {
          url,
          status: response.status,
        });
      }
      return response;
    },

    async errorLoadRemote({ id, error, lifecycle, remote }) {
      // With version-first sharing the runtime starts every remote to negotiate shared modules and
      // expects `undefined` for a dead one, so that it cannot block the shell: keep that silent.
      if (lifecycle === 'beforeLoadShare') {
        console.warn(`Coursekit: remote ${remote?.name ?? id} is unavailable for sharing.`, error);
        return undefined;
      }
      throw classifyRemoteError(error, remote?.name ?? id.split('/')[0] ?? id);
    },
  };
}
