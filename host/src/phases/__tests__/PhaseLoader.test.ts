import { definePhase } from '@coursekit/phase-sdk';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeFederationRuntime } from '../../test/fakeFederationRuntime';
import { describePhaseFailure } from '../describePhaseFailure';
import { PhaseLoadError } from '../PhaseLoadError';
import { PhaseLoader, type PhaseLoadReport } from '../PhaseLoader';
import { PagePolicyBlocks } from '../pagePolicyBlocks';

const ENTRY_V1 = 'https://cdn.test/remotes/intro-course/1.0.0/mf-manifest.json';
const ENTRY_V2 = 'https://cdn.test/remotes/intro-course/2.0.0/mf-manifest.json';

const welcome = {
  title: 'Welcome',
  phase: 'intro-course',
  version: '1.0.0',
  remote: { name: 'intro-course', entry: ENTRY_V1 },
};
const kickOff = { ...welcome, title: 'Team kick-off' };
const kickOffV2 = { ...kickOff, version: '2.0.0', remote: { ...kickOff.remote, entry: ENTRY_V2 } };

const phaseModule = { default: definePhase({ component: () => null }) };
const loaded = { module: phaseModule };

const entryTimedOut = {
  error: new Error(
    '[ Federation Runtime ]: Failed to load script resources. #RUNTIME-008\nargs: {"remoteName":"intro-course","resourceUrl":"https://cdn.test/remotes/intro-course/1.0.0/remoteEntry.js"}\nOriginal Error Message:\n ScriptNetworkError: Script "https://cdn.test/remotes/intro-course/1.0.0/remoteEntry.js" timed out.',
  ),
};

/**
 * The load's outcome once every timer it set (attempt time-outs, pauses) has fired on the fake
 * clock, in order: what a time budget decides never depends on how busy the machine is.
 */
async function onFakeClock<T>(load: Promise<T>): Promise<T> {
  load.catch(() => undefined);
  await vi.runAllTimersAsync();
  return load;
}

/** A remote that never answers, and a loader with a budget of 300 ms on the fake clock. */
function hungOnFakeClock() {
  vi.useFakeTimers();
  const runtime = fakeFederationRuntime('hang');
  const loader = new PhaseLoader({ runtime, budgetMs: 300, attemptTimeoutMs: 100, backoffMs: 10 });
  return { runtime, loader };
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

afterEach(() => {
  vi.useRealTimers();
});

describe('PhaseLoader', () => {
  it('loads <name>/Phase from the registered manifest and returns the phase definition', async () => {
    const runtime = fakeFederationRuntime(loaded);
    const loader = new PhaseLoader({ runtime });

    const definition = await loader.load(welcome);

    expect(definition).toBe(phaseModule.default);
    expect(runtime.registered).toEqual([{ name: 'intro-course', entry: ENTRY_V1 }]);
    expect(runtime.load).toHaveBeenCalledWith('intro-course', 'Phase');
    expect(loader.getState(welcome)).toEqual({ status: 'ready', definition });
  });

  it('downloads a phase module once for two course phases of the same phase version', async () => {
    const runtime = fakeFederationRuntime(loaded);
    const loader = new PhaseLoader({ runtime });

    const [first, second] = await Promise.all([loader.load(welcome), loader.load(kickOff)]);
    const again = await loader.load(welcome);

    expect(second).toBe(first);
    expect(again).toBe(first);
    expect(runtime.load).toHaveBeenCalledTimes(1);
  });

  it('registers the new entry when another version of a remote is needed', async () => {
    const runtime = fakeFederationRuntime(loaded);
    const loader = new PhaseLoader({ runtime });

    await loader.load(welcome);
    await loader.load(kickOffV2);

    expect(runtime.registered.map((r) => r.entry)).toEqual([ENTRY_V1, `${ENTRY_V2}?ck-load=1`]);
  });

  it('a hung remote entry recovers: every attempt after the first registers fresh URLs', async () => {
    vi.useFakeTimers();
    const runtime = fakeFederationRuntime('hang', 'hang', loaded);
    const loader = new PhaseLoader({
      runtime,
      budgetMs: 5_000,
      attemptTimeoutMs: 40,
      backoffMs: 1,
    });

    await expect(onFakeClock(loader.load(welcome))).resolves.toBe(phaseModule.default);

    expect(runtime.registered.map((r) => r.entry)).toEqual([
      ENTRY_V1,
      `${ENTRY_V1}?ck-load=1`,
      `${ENTRY_V1}?ck-load=2`,
    ]);
  });

  it('retries a transient failure with a growing pause inside one budget', async () => {
    vi.useFakeTimers();
    const reports: PhaseLoadReport[] = [];
    const runtime = fakeFederationRuntime(entryTimedOut, entryTimedOut, loaded);
    const loader = new PhaseLoader({ runtime, backoffMs: 5, onReport: (r) => reports.push(r) });

    await expect(onFakeClock(loader.load(welcome))).resolves.toBe(phaseModule.default);
    expect(runtime.load).toHaveBeenCalledTimes(3);
    // The failures take no time: the load lasted its pauses, 5 ms and then 10 ms.
    expect(reports).toEqual([expect.objectContaining({ durationMs: 15, attempts: 3 })]);
  });

  it('ends a load that never finishes within its budget and says how long it really took', async () => {
    const { runtime, loader } = hungOnFakeClock();

    const error = await failureOf(onFakeClock(loader.load(welcome)));

    // 100 ms, a pause of 10, 100 ms, a pause of 20, and the 70 ms left of the budget.
    expect(runtime.load).toHaveBeenCalledTimes(3);
    expect(error.timedOut).toBe(true);
    expect(error.stage).toBe('manifest');
    expect(error.code).toBe('CK_PHASE_MANIFEST_TIMEOUT');
    expect(error.detail).toBe(
      'intro-course made no progress past its manifest stage within 0.1 s (gave up after 0.3 s and 3 attempts)',
    );
    expect(error.retryable).toBe(true);
    expect(loader.getState(welcome)).toMatchObject({ status: 'failed', error });
  });

  it('starts no attempt once a pause overran the budget (timers of a background tab fire late)', async () => {
    const { runtime, loader } = hungOnFakeClock();
    const load = loader.load(welcome);
    await vi.advanceTimersByTimeAsync(105);
    expect(vi.getTimerCount()).toBe(1); // the first attempt timed out; the pause runs

    vi.setSystemTime(Date.now() + 500);
    const error = await failureOf(onFakeClock(load));

    expect(runtime.load).toHaveBeenCalledTimes(1);
    expect(error.detail).toBe(
      'intro-course made no progress past its manifest stage within 0.1 s (gave up after 0.6 s and 1 attempt)',
    );
    expect(loader.getState(welcome)).toMatchObject({ status: 'failed', error });
  });

  it('refuses a module that is not a definePhase(...) at the expose stage, without retrying', async () => {
    const runtime = fakeFederationRuntime({ module: { default: () => null } });
    const error = await failureOf(new PhaseLoader({ runtime }).load(welcome));

    expect(error.stage).toBe('expose');
    expect(error.detail).toContain('definePhase({ component })');
    expect(error.retryable).toBe(true);
    expect(runtime.load).toHaveBeenCalledTimes(1);
  });

  it('refuses a phase built for another SDK line, and offers no Retry for it', async () => {
    const runtime = fakeFederationRuntime({
      module: { default: { ...phaseModule.default, sdkMajor: '9' } },
    });
    const error = await failureOf(new PhaseLoader({ runtime }).load(welcome));

    expect(error.stage).toBe('sdk');
    expect(error.retryable).toBe(false);
    expect(error.transient).toBe(false);
  });

  it('retry after a crash reloads the remote for real: new registration, new evaluation', async () => {
    const runtime = fakeFederationRuntime(loaded);
    const loader = new PhaseLoader({ runtime });
    await loader.load(welcome);
    const fixed = { default: definePhase({ component: () => null }) };
    runtime.from({ module: fixed });

    await expect(loader.reload(welcome)).resolves.toBe(fixed.default);

    expect(runtime.registered.at(-1)?.entry).toBe(`${ENTRY_V1}?ck-load=1`);
    expect(runtime.load).toHaveBeenCalledTimes(2);
  });

  it('a failed load is loaded again when the phase is opened again', async () => {
    const runtime = fakeFederationRuntime({ module: {} });
    const loader = new PhaseLoader({ runtime });
    await failureOf(loader.load(welcome));
    runtime.from(loaded);

    await expect(loader.load(welcome)).resolves.toBe(phaseModule.default);
  });

  it('retries in the background only what may have gone away by itself', async () => {
    vi.useFakeTimers();
    const runtime = fakeFederationRuntime('hang');
    const loader = new PhaseLoader({ runtime, budgetMs: 50, attemptTimeoutMs: 50 });
    await failureOf(onFakeClock(loader.load(welcome)));
    const sdkRuntime = fakeFederationRuntime({
      module: { default: { ...phaseModule.default, sdkMajor: '9' } },
    });
    const sdkLoader = new PhaseLoader({ runtime: sdkRuntime });
    await failureOf(sdkLoader.load(kickOff));

    runtime.from(loaded);
    expect(loader.hasTransientFailures()).toBe(true);
    expect(sdkLoader.hasTransientFailures()).toBe(false);
    loader.retryTransientFailures();
    sdkLoader.retryTransientFailures();

    await vi.waitFor(() => expect(loader.getState(welcome).status).toBe('ready'));
    expect(sdkRuntime.load).toHaveBeenCalledTimes(1);
  });

  it('reports every settled load with its outcome, stage and timing', async () => {
    const reports: PhaseLoadReport[] = [];
    const runtime = fakeFederationRuntime({ module: {} });
    const loader = new PhaseLoader({ runtime, onReport: (report) => reports.push(report) });
    await failureOf(loader.load(welcome));
    runtime.from(loaded);
    await loader.load(welcome);

    expect(reports).toEqual([
      expect.objectContaining({
        phase: 'intro-course',
        version: '1.0.0',
        outcome: 'failed',
        stage: 'expose',
        code: 'CK_PHASE_EXPOSE',
        attempts: 1,
      }),
      expect.objectContaining({ outcome: 'loaded', attempts: 1 }),
    ]);
    expect(reports[0]?.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('keeps a non-transient failure of the manifest (404) from being retried inside the budget', async () => {
    const error = new PhaseLoadError('manifest', 'Welcome', 'answered HTTP 404', { status: 404 });
    const runtime = fakeFederationRuntime({ error });
    await failureOf(new PhaseLoader({ runtime }).load(welcome));
    expect(runtime.load).toHaveBeenCalledTimes(1);
  });

  it('does not retry an entry that arrived and is not valid JavaScript (same bytes every time)', async () => {
    const runtime = fakeFederationRuntime({
      error: new Error(
        '[ Federation Runtime ]: ScriptExecutionError: Failed to execute script https://cdn.test/remotes/intro-course/1.0.0/remoteEntry.js during execution: SyntaxError: Unexpected end of input',
      ),
    });
    const loader = new PhaseLoader({ runtime });

    const error = await failureOf(loader.load(welcome));

    expect(error.stage).toBe('entry');
    expect(error.transient).toBe(false);
    expect(loader.hasTransientFailures()).toBe(false);
    expect(runtime.load).toHaveBeenCalledTimes(1);
  });
});

describe('a phase whose new version lives on an origin the page may not load from', () => {
  const MOVED = 'https://new-cdn.test/remotes/intro-course/2.0.0/mf-manifest.json';
  const moved = { ...welcome, version: '2.0.0', remote: { ...welcome.remote, entry: MOVED } };
  // What a fetch the page's Content-Security-Policy refuses looks like to the page: a network error.
  const refused = () => ({ error: new TypeError('Failed to fetch') });

  it('regression: says the phase moved and the page needs reloading, and is not retried, when the violation came first', async () => {
    const pagePolicy = new PagePolicyBlocks();
    const page = new EventTarget();
    pagePolicy.watch(page);
    page.dispatchEvent(Object.assign(new Event('securitypolicyviolation'), { blockedURI: MOVED }));
    const runtime = fakeFederationRuntime(refused(), refused(), refused());
    const loader = new PhaseLoader({ runtime, pagePolicy, backoffMs: 1 });

    const error = await failureOf(loader.load(moved));

    expect(error).toMatchObject({ stage: 'manifest', blockedByPage: true, transient: false });
    expect(error.retryable).toBe(false);
    expect(error.code).toBe('CK_PHASE_MANIFEST_BLOCKED_BY_PAGE');
    expect(runtime.load).toHaveBeenCalledTimes(1);
    expect(loader.hasTransientFailures()).toBe(false);
    expect(describePhaseFailure(error)).toEqual({
      headline: '“Welcome” has moved to a new address.',
      explanation:
        'This page was opened before the move, so it may not load from there yet. Reload the page to load the phase.',
    });
  });

  it('regression: a violation reported after the failure turns it into "moved" and ends background retries', async () => {
    const pagePolicy = new PagePolicyBlocks();
    const runtime = fakeFederationRuntime(refused());
    const loader = new PhaseLoader({ runtime, pagePolicy, attempts: 1 });
    const first = await failureOf(loader.load(moved));
    expect(first.transient).toBe(true);
    expect(loader.hasTransientFailures()).toBe(true);

    pagePolicy.record('https://new-cdn.test/remotes/intro-course/2.0.0/remoteEntry.js');

    const state = loader.getState(moved);
    expect(state.status === 'failed' && state.error.blockedByPage).toBe(true);
    expect(loader.hasTransientFailures()).toBe(false);
  });

  it('leaves failures of other origins as they are', async () => {
    const pagePolicy = new PagePolicyBlocks();
    pagePolicy.record('https://elsewhere.test/script.js');
    const loader = new PhaseLoader({
      runtime: fakeFederationRuntime(refused()),
      pagePolicy,
      attempts: 1,
    });
    const error = await failureOf(loader.load(moved));
    expect(error).toMatchObject({ stage: 'manifest', blockedByPage: false, transient: true });
  });
});
