/**
 * The host's Module Federation runtime plugin (listed in `runtimePlugins` of rspack.config.mjs).
 * Left alone, the MF runtime reports load failures as untyped errors with a long diagnostic text,
 * waits 20 s for a dead script and trusts any answer to a manifest request. This plugin makes
 * every failure a `RemoteLoadError` with a reason (timeout, unreachable, not-a-phase, crashed),
 * bounds the remote entry script and the manifest request by a time-out, and treats a non-2xx
 * manifest answer as unreachable instead of parsing an error page as a manifest. Retries live in
 * the PhaseLoader, which re-registers the remote so that nothing failed stays cached here.
 */
import type { ModuleFederationRuntimePlugin } from '@module-federation/enhanced/runtime';
import { RemoteLoadError, toRemoteLoadError } from './RemoteLoadError';

export interface LoadErrorsPluginOptions {
  /** Time-out of one script or manifest request in ms. Default 15 000. */
  scriptTimeoutMs?: number;
}

export const DEFAULT_SCRIPT_TIMEOUT_MS = 15_000;

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
 * @example
 * // rspack.config.mjs
 * runtimePlugins: [[require.resolve('./src/phases/loadErrorsRuntimePlugin.ts'), { scriptTimeoutMs: 15000 }]]
 */
export default function loadErrorsRuntimePlugin(
  options: LoadErrorsPluginOptions = {},
): ModuleFederationRuntimePlugin {
  const timeout = options.scriptTimeoutMs ?? DEFAULT_SCRIPT_TIMEOUT_MS;
  return {
    name: 'coursekit-load-errors',

    createScript({ url, attrs }) {
      if (typeof document === 'undefined') return undefined;
      return { script: createScriptElement(url, attrs), timeout };
    },

    async fetch(url, init, remoteInfo) {
      const remote = remoteInfo?.name ?? url;
      let response: Response;
      try {
        response = await globalThis.fetch(url, {
          ...init,
          signal: init?.signal ?? AbortSignal.timeout(timeout),
        });
      } catch (error) {
        const failure = toRemoteLoadError(error, remote);
        if (failure.reason !== 'unreachable') throw failure;
        const why = error instanceof Error ? error.message : String(error);
        throw new RemoteLoadError(
          'unreachable',
          remote,
          `the manifest of ${remote} at ${url} could not be fetched (${why}).`,
          { cause: error },
        );
      }
      if (!response.ok) {
        throw new RemoteLoadError(
          'unreachable',
          remote,
          `the manifest of ${remote} at ${url} answered ${[response.status, response.statusText].filter(Boolean).join(' ')}.`,
        );
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
      throw toRemoteLoadError(error, remote?.name ?? id.split('/')[0] ?? id);
    },
  };
}
