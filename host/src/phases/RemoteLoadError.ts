/**
 * A Module Federation load failure, typed by the host's runtime plugin. The MF runtime knows the
 * remote and the URL but not which course phase asked for it; the PhaseLoader turns this into a
 * `PhaseLoadError` that names the phase.
 */

export type RemoteLoadFailureReason = 'timeout' | 'unreachable' | 'not-a-phase' | 'crashed';

export class RemoteLoadError extends Error {
  override readonly name = 'RemoteLoadError';

  constructor(
    readonly reason: RemoteLoadFailureReason,
    /** The MF remote name (the phase type name). */
    readonly remote: string,
    /**
     * What failed, kept apart from `message`: the MF runtime prefixes the message of errors that
     * pass through it with "[ Federation Runtime ]:".
     */
    readonly detail: string,
    options?: { cause?: unknown },
  ) {
    super(detail, options);
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The first line of an MF runtime message, without its "[ Federation Runtime ]:" prefix. */
function firstLine(message: string): string {
  return (message.split('\n')[0] ?? message).replace(/^\[ Federation Runtime \]:\s*/, '').trim();
}

/**
 * Classify whatever the MF runtime threw. Its errors carry codes (`#RUNTIME_008`: a script did not
 * load; `#RUNTIME_014`: the expose is missing) and the script loader names its failures
 * (`ScriptNetworkError`, `ScriptExecutionError`); anything unknown counts as a crash.
 *
 * @example
 * toRemoteLoadError(new Error('ScriptNetworkError: Script "x" timed out.'), 'intro-course').reason
 * // 'timeout'
 */
export function toRemoteLoadError(error: unknown, remote: string): RemoteLoadError {
  if (error instanceof RemoteLoadError) return error;
  const message = messageOf(error);
  const options = { cause: error };
  if (/timed out|TimeoutError/i.test(message) || (error as Error)?.name === 'TimeoutError') {
    return new RemoteLoadError('timeout', remote, `${remote} did not answer in time.`, options);
  }
  if (/ScriptExecutionError/.test(message)) {
    const original = message.match(/threw a runtime error during execution: (.*)/)?.[1];
    return new RemoteLoadError(
      'crashed',
      remote,
      `the code of ${remote} threw while starting${original ? `: ${original}` : '.'}`,
      options,
    );
  }
  if (/RUNTIME_014|does not exist in container/.test(message)) {
    return new RemoteLoadError(
      'not-a-phase',
      remote,
      `${remote} does not expose ./Phase; a phase must expose it (definePhaseConfig does).`,
      options,
    );
  }
  if (
    /RUNTIME_00[1348]|RUNTIME_013|ScriptNetworkError|Failed to fetch|NetworkError|Load failed/.test(
      message,
    ) ||
    error instanceof TypeError ||
    error instanceof SyntaxError
  ) {
    const url = message.match(/"(?:resourceUrl|manifestUrl|remoteEntryUrl)":"([^"]+)"/)?.[1];
    return new RemoteLoadError(
      'unreachable',
      remote,
      `the files of ${remote} could not be fetched${url ? ` from ${url}` : ''} (${firstLine(message)}).`,
      options,
    );
  }
  return new RemoteLoadError('crashed', remote, `${remote} failed: ${firstLine(message)}`, options);
}
