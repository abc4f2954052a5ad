import { afterEach, describe, expect, it, vi } from 'vitest';
import loadErrorsRuntimePlugin from '../loadErrorsRuntimePlugin';
import { RemoteLoadError, toRemoteLoadError } from '../RemoteLoadError';

type Hooks = ReturnType<typeof loadErrorsRuntimePlugin>;
type ErrorArgs = Parameters<NonNullable<Hooks['errorLoadRemote']>>[0];

const remote = { name: 'intro-course', entry: 'https://cdn.test/mf-manifest.json' };

function errorArgs(error: unknown, lifecycle: ErrorArgs['lifecycle'] = 'onLoad'): ErrorArgs {
  return {
    id: 'intro-course/Phase',
    error,
    from: 'runtime',
    lifecycle,
    remote: remote as ErrorArgs['remote'],
    origin: {} as ErrorArgs['origin'],
  };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('loadErrorsRuntimePlugin', () => {
  it('turns a failed remote load into a typed error instead of letting it pass', async () => {
    const plugin = loadErrorsRuntimePlugin();
    const failure = await Promise.resolve(
      plugin.errorLoadRemote?.(
        errorArgs(
          new Error('ScriptNetworkError: Script "https://cdn.test/remoteEntry.js" timed out.'),
        ),
      ),
    ).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(RemoteLoadError);
    expect((failure as RemoteLoadError).reason).toBe('timeout');
    expect((failure as RemoteLoadError).remote).toBe('intro-course');
  });

  it('keeps a dead remote from blocking shared-module negotiation', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const plugin = loadErrorsRuntimePlugin();
    await expect(
      Promise.resolve(plugin.errorLoadRemote?.(errorArgs(new Error('down'), 'beforeLoadShare'))),
    ).resolves.toBeUndefined();
  });

  it('treats a manifest answered with an error status as unreachable', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response('<html>', { status: 404, statusText: 'Not Found' })),
    );
    const plugin = loadErrorsRuntimePlugin();
    const failure = await Promise.resolve(plugin.fetch?.(remote.entry, {}, remote as never)).catch(
      (error: unknown) => error,
    );

    expect(failure).toBeInstanceOf(RemoteLoadError);
    expect((failure as RemoteLoadError).reason).toBe('unreachable');
    expect((failure as RemoteLoadError).message).toBe(
      'the manifest of intro-course at https://cdn.test/mf-manifest.json answered 404 Not Found.',
    );
  });

  it('bounds remote entry scripts by the configured time-out', () => {
    const plugin = loadErrorsRuntimePlugin({ scriptTimeoutMs: 4_000 });
    const created = plugin.createScript?.({
      url: 'https://cdn.test/remoteEntry.js',
      attrs: { crossorigin: 'anonymous' },
    }) as { script: HTMLScriptElement; timeout: number };

    expect(created.timeout).toBe(4_000);
    expect(created.script.src).toBe('https://cdn.test/remoteEntry.js');
    expect(created.script.getAttribute('crossorigin')).toBe('anonymous');
  });
});

describe('toRemoteLoadError', () => {
  it.each([
    ['[ Federation Runtime ]: Failed to get manifest. #RUNTIME_003', 'unreachable'],
    ['[ Federation Runtime ]: Failed to load script resources. #RUNTIME_008', 'unreachable'],
    [
      '[ Federation Runtime ]: The remote does not expose the requested module. #RUNTIME_014',
      'not-a-phase',
    ],
    [
      'ScriptExecutionError: Script "x" loaded but threw a runtime error during execution: boom',
      'crashed',
    ],
    ['ScriptNetworkError: Script "x" timed out.', 'timeout'],
    ['something else entirely', 'crashed'],
  ])('classifies %s as %s', (message, reason) => {
    expect(toRemoteLoadError(new Error(message), 'intro-course').reason).toBe(reason);
  });
});
