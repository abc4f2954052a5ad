/**
 * A Module Federation load failure, classified by stage. The MF runtime knows the remote and the
 * URL but not which course phase asked for it; the PhaseLoader turns this into a `PhaseLoadError`
 * that names the phase. `classifyRemoteError` reads whatever the runtime threw (its `#RUNTIME-0xx`
 * codes, the script loader's `ScriptNetworkError`/`ScriptExecutionError`, a bundle's
 * `ChunkLoadError`) so that no such jargon reaches the screen.
 */
import type { PhaseLoadErrorOptions, PhaseLoadStage } from './PhaseLoadError';
import { remoteLoadSettings } from './remoteLoadSettings';

export class RemoteLoadError extends Error {
  override readonly name = 'RemoteLoadError';

  constructor(
    readonly stage: PhaseLoadStage,
    /** The MF remote name (the phase type name). */
    readonly remote: string,
    /**
     * What failed, kept apart from `message`: the MF runtime prefixes the message of errors that
     * pass through it with "[ Federation Runtime ]:".
     */
    readonly detail: string,
    readonly options: PhaseLoadErrorOptions = {},
  ) {
    super(detail, { cause: options.cause });
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The first line of an MF runtime message, without its "[ Federation Runtime ]:" prefix. */
function firstLine(message: string): string {
  return (message.split('\n')[0] ?? message).replace(/^\[ Federation Runtime \]:\s*/, '').trim();
}

/** The URL an MF runtime message names in its `args: {...}` line, if any. */
function urlIn(message: string): string | undefined {
  return (
    message.match(/"(?:resourceUrl|manifestUrl|remoteEntryUrl|url)":"([^"]+)"/)?.[1] ??
    message.match(/(?:script|chunk)[^"]*"(https?:[^"]+)"/i)?.[1] ??
    message.match(/\((?:error|missing): (https?:\/\/[^)\s]+)\)/)?.[1] ??
    message.match(/\((https?:\/\/[^)\s]+)\)/)?.[1]
  );
}

/** The runtime's original message, after its "Original Error Message:" line. */
function originalMessage(message: string): string | undefined {
  return message.split('Original Error Message:\n')[1]?.trim();
}

/**
 * @example
 * classifyRemoteError(new Error('ScriptNetworkError: Script "x" timed out.'), 'intro-course').stage
 * // 'entry'
 */
export function classifyRemoteError(error: unknown, remote: string): RemoteLoadError {
  if (error instanceof RemoteLoadError) return error;
  const message = messageOf(error);
  const url = urlIn(message);
  const cause = error;
  const original = originalMessage(message) ?? firstLine(message);
  const scriptError = remoteLoadSettings.get(remote)?.scriptError;

  if (/RUNTIME-014|does not exist in container|does not expose/i.test(message)) {
    return new RemoteLoadError('expose', remote, `${remote} does not expose ./Phase.`, { cause });
  }
  if (/RUNTIME-00[56]|RUNTIME-012|loadShare/i.test(message)) {
    return new RemoteLoadError(
      'shared',
      remote,
      `a shared dependency of ${remote} could not be provided: ${original}`,
      { cause },
    );
  }
  if (/RUNTIME-00[37]|RUNTIME-013/.test(message)) {
    return new RemoteLoadError(
      'manifest',
      remote,
      `the manifest of ${remote} could not be read: ${original}`,
      { cause, url },
    );
  }
  if (/ScriptExecutionError/.test(message) || (scriptError && /RUNTIME-00[12]/.test(message))) {
    const thrown = scriptError ?? message.match(/during execution: (.*)/)?.[1] ?? original;
    return new RemoteLoadError(
      'entry',
      remote,
      `the entry script of ${remote} is not valid or threw while starting: ${thrown}`,
      { cause, url, broken: true },
    );
  }
  if (/RUNTIME-00[128]|RUNTIME-011|RUNTIME-015|ScriptNetworkError|ChunkLoadError/.test(message)) {
    const timedOut = /timed out|timeout/i.test(message);
    return new RemoteLoadError(
      'entry',
      remote,
      `a script of ${remote} could not be loaded${url ? ` from ${url}` : ''}${timedOut ? ' in time' : ''}: ${original}`,
      { cause, url, timedOut },
    );
  }
  if (error instanceof TypeError && /fetch|network/i.test(message)) {
    return new RemoteLoadError(
      'manifest',
      remote,
      `the files of ${remote} could not be fetched: ${message}`,
      { cause, url },
    );
  }
  if (error instanceof SyntaxError) {
    return new RemoteLoadError('manifest', remote, `the manifest of ${remote} is not JSON.`, {
      cause,
    });
  }
  return new RemoteLoadError('entry', remote, `${remote} failed to start: ${original}`, {
    cause,
    url,
  });
}
