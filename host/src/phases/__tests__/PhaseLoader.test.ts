import { definePhase } from '@coursekit/phase-sdk';
import { loadRemote, registerRemotes } from '@module-federation/enhanced/runtime';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PhaseLoadError } from '../PhaseLoadError';
import { PhaseLoader } from '../PhaseLoader';
import { RemoteLoadError } from '../RemoteLoadError';

// A unit test: the MF runtime is replaced; the browser tests load real remotes.
vi.mock('@module-federation/enhanced/runtime', () => ({
  registerRemotes: vi.fn(),
  loadRemote: vi.fn(),
}));

const mockedLoadRemote = vi.mocked(loadRemote);
const mockedRegisterRemotes = vi.mocked(registerRemotes);

const ENTRY_V1 = 'https://cdn.test/remotes/intro-course/1.0.0/mf-manifest.json';
const ENTRY_V2 = 'https://cdn.test/remotes/intro-course/2.0.0/mf-manifest.json';

const welcome = { title: 'Welcome', remote: { name: 'intro-course', entry: ENTRY_V1 } };
const kickOff = { title: 'Team kick-off', remote: { name: 'intro-course', entry: ENTRY_V1 } };
const kickOffV2 = { title: 'Team kick-off', remote: { name: 'intro-course', entry: ENTRY_V2 } };

const phaseModule = { default: definePhase({ component: () => null }) };

function scriptTimedOut(): Error {
  return new Error(
    '[ Federation Runtime ]: Failed to load script resources. #RUNTIME_008\nargs: {"remoteName":"intro-course","resourceUrl":"https://cdn.test/remotes/intro-course/1.0.0/remoteEntry.js"}\nOriginal Error Message:\n ScriptNetworkError: Failed to load script',
  );
}

async function failureOf(promise: Promise<unknown>): Promise<PhaseLoadError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof PhaseLoadError))
    throw new Error(`expected a PhaseLoadError, got ${error}`);
  return error;
}

beforeEach(() => {
  mockedLoadRemote.mockReset();
  mockedRegisterRemotes.mockReset();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('PhaseLoader', () => {
  it('loads <name>/Phase from the registered manifest and returns the phase definition', async () => {
    mockedLoadRemote.mockResolvedValue(phaseModule);
    const loader = new PhaseLoader();

    const definition = await loader.load(welcome);

    expect(definition).toBe(phaseModule.default);
    expect(mockedRegisterRemotes).toHaveBeenCalledWith(
      [{ name: 'intro-course', entry: ENTRY_V1 }],
      undefined,
    );
    expect(mockedLoadRemote).toHaveBeenCalledWith('intro-course/Phase');
    expect(loader.getState(welcome)).toEqual({ status: 'ready', definition });
  });

  it('downloads a phase module once for two course phases of the same phase version', async () => {
    mockedLoadRemote.mockResolvedValue(phaseModule);
    const loader = new PhaseLoader();

    const [first, second] = await Promise.all([loader.load(welcome), loader.load(kickOff)]);
    const again = await loader.load(welcome);

    expect(second).toBe(first);
    expect(again).toBe(first);
    expect(mockedLoadRemote).toHaveBeenCalledTimes(1);
    expect(mockedRegisterRemotes).toHaveBeenCalledTimes(1);
  });

  it('re-registers a remote with force when another version of it is needed', async () => {
    mockedLoadRemote.mockResolvedValue(phaseModule);
    const loader = new PhaseLoader();

    await loader.load(welcome);
    await loader.load(kickOffV2);

    expect(mockedRegisterRemotes).toHaveBeenLastCalledWith(
      [{ name: 'intro-course', entry: ENTRY_V2 }],
      { force: true },
    );
    expect(mockedLoadRemote).toHaveBeenCalledTimes(2);
  });

  it('accepts a module whose namespace is the definition itself', async () => {
    mockedLoadRemote.mockResolvedValue(phaseModule.default);
    await expect(new PhaseLoader().load(welcome)).resolves.toBe(phaseModule.default);
  });

  it('retries a failed download with a growing pause, then shows the phase', async () => {
    vi.useFakeTimers();
    mockedLoadRemote
      .mockRejectedValueOnce(scriptTimedOut())
      .mockRejectedValueOnce(scriptTimedOut())
      .mockResolvedValueOnce(phaseModule);
    const loader = new PhaseLoader({ backoffMs: 500 });

    const loading = loader.load(welcome);
    await vi.advanceTimersByTimeAsync(0);
    expect(mockedLoadRemote).toHaveBeenCalledTimes(1);
    expect(loader.getState(welcome)).toEqual({ status: 'loading', attempt: 1, attempts: 3 });

    await vi.advanceTimersByTimeAsync(499);
    expect(mockedLoadRemote).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(mockedLoadRemote).toHaveBeenCalledTimes(2);

    // The second pause is twice as long.
    await vi.advanceTimersByTimeAsync(999);
    expect(mockedLoadRemote).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(mockedLoadRemote).toHaveBeenCalledTimes(3);

    await expect(loading).resolves.toBe(phaseModule.default);
    // Every re-attempt clears what the MF runtime cached about the failed one.
    expect(mockedRegisterRemotes.mock.calls.map(([, options]) => options)).toEqual([
      undefined,
      { force: true },
      { force: true },
    ]);
  });

  it('gives up after three attempts that time out, naming the phase', async () => {
    vi.useFakeTimers();
    mockedLoadRemote.mockReturnValue(new Promise(() => {}));
    const loader = new PhaseLoader({ timeoutMs: 15_000, backoffMs: 500 });

    const failure = failureOf(loader.load(welcome));
    await vi.advanceTimersByTimeAsync(15_000 + 500 + 15_000 + 1_000 + 15_000);
    const error = await failure;

    expect(error.reason).toBe('timeout');
    expect(error.message).toBe(
      'The phase “Welcome” could not be loaded: intro-course did not load within 15 s.',
    );
    expect(mockedLoadRemote).toHaveBeenCalledTimes(3);
    expect(loader.getState(welcome)).toEqual({ status: 'failed', error });
  });

  it('refuses a module that is not a definePhase(...) without retrying', async () => {
    mockedLoadRemote.mockResolvedValue({ default: () => null });
    const loader = new PhaseLoader();

    const error = await failureOf(loader.load(welcome));

    expect(error.reason).toBe('not-a-phase');
    expect(error.message).toContain('The phase “Welcome” could not be loaded');
    expect(error.message).toContain('definePhase({ component })');
    expect(mockedLoadRemote).toHaveBeenCalledTimes(1);
  });

  it('treats a missing ./Phase expose as not a phase', async () => {
    mockedLoadRemote.mockRejectedValue(
      new Error(
        '[ Federation Runtime ]: The remote does not expose the requested module. #RUNTIME_014',
      ),
    );
    const error = await failureOf(new PhaseLoader().load(welcome));
    expect(error.reason).toBe('not-a-phase');
    expect(mockedLoadRemote).toHaveBeenCalledTimes(1);
  });

  it('refuses a phase built for another SDK line and says how to fix it', async () => {
    mockedLoadRemote.mockResolvedValue({
      default: { ...phaseModule.default, sdkMajor: '2' },
    });
    const loader = new PhaseLoader({ sdkVersion: '0.1.0' });

    const error = await failureOf(loader.load(welcome));

    expect(error.reason).toBe('incompatible-sdk');
    expect(error.message).toBe(
      'The phase “Welcome” could not be loaded: intro-course was built for SDK 2, but this Coursekit runs SDK 0.1; rebuild the phase against @coursekit/phase-sdk 0.1.',
    );
    expect(mockedLoadRemote).toHaveBeenCalledTimes(1);
  });

  it('really re-attempts on Retry after a final failure', async () => {
    mockedLoadRemote.mockRejectedValue(scriptTimedOut());
    const loader = new PhaseLoader({ attempts: 1 });

    const error = await failureOf(loader.load(welcome));
    expect(error.reason).toBe('unreachable');
    expect(error.message).toContain(
      'could not be fetched from https://cdn.test/remotes/intro-course/1.0.0/remoteEntry.js',
    );

    mockedLoadRemote.mockResolvedValue(phaseModule);
    await expect(loader.retry(welcome)).resolves.toBe(phaseModule.default);
    expect(mockedLoadRemote).toHaveBeenCalledTimes(2);
    expect(mockedRegisterRemotes).toHaveBeenLastCalledWith(
      [{ name: 'intro-course', entry: ENTRY_V1 }],
      { force: true },
    );
  });

  it('names what failed without the prefix the MF runtime adds to messages', async () => {
    const failure = new RemoteLoadError(
      'unreachable',
      'intro-course',
      'the manifest of intro-course at https://cdn.test/mf-manifest.json answered 404 Not Found.',
    );
    // What the runtime's logger does to an error that passes through it.
    failure.message = `[ Federation Runtime ]: ${failure.message}`;
    mockedLoadRemote.mockRejectedValue(failure);

    const error = await failureOf(new PhaseLoader({ attempts: 1 }).load(welcome));

    expect(error.message).toBe(
      'The phase “Welcome” could not be loaded: the manifest of intro-course at https://cdn.test/mf-manifest.json answered 404 Not Found.',
    );
  });

  it('reports a remote whose code throws while starting as crashed', async () => {
    mockedLoadRemote.mockRejectedValue(
      new Error(
        'ScriptExecutionError: Script "https://cdn.test/remoteEntry.js" loaded but threw a runtime error during execution: boom (remoteEntry.js:1:1)',
      ),
    );
    const error = await failureOf(new PhaseLoader({ attempts: 1 }).load(welcome));
    expect(error.reason).toBe('crashed');
    expect(error.message).toContain('threw while starting: boom');
  });

  it('tells subscribers about every state change', async () => {
    mockedLoadRemote.mockResolvedValue(phaseModule);
    const loader = new PhaseLoader();
    const seen: string[] = [];
    const unsubscribe = loader.subscribe(() => seen.push(loader.getState(welcome).status));

    expect(loader.getState(welcome)).toEqual({ status: 'idle' });
    await loader.load(welcome);
    unsubscribe();

    expect(seen).toEqual(['loading', 'ready']);
  });
});
