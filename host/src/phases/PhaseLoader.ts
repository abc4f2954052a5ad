/**
 * Loads phase modules at run time, in plain TypeScript so that the router can start a load before
 * React renders anything and React only subscribes to its state. For a resolved phase it registers
 * the remote with the MF runtime, loads `<name>/Phase` and checks that the module is a
 * `definePhase(...)` built for this host's SDK line.
 *
 * One load has one time budget that the user sees: attempts (a transient failure is tried again,
 * with a growing pause) each bounded by what is left of it, and a failure that says how long it
 * really took. Every attempt after the very first of a remote, and every `reload`, replaces the
 * remote's registration and uses fresh URLs, so that nothing cached, hung or half-evaluated is
 * reused. Loads are memoized per (remote name, manifest URL) until they fail or are reloaded: two
 * course phases of the same phase version share one download. Each settled load is reported to
 * an optional observer (load telemetry).
 *
 * The first attempt of a remote also preloads the files the resolve answer names for its first
 * render (`phasePreloads`): the remote entry and the `./Phase` chunks download together with the
 * manifest instead of after it, and the MF runtime then finds them already fetched.
 */
import {
  isPhaseDefinition,
  type PhaseDefinition,
  SDK_VERSION,
  sdkLine,
} from '@coursekit/phase-sdk';
import type { PhaseFirstRender, PhasePreload } from '@coursekit/phase-sdk/contract';
import { explainScriptFailure } from './explainScriptFailure';
import { type FederationRuntime, mfFederationRuntime } from './federationRuntime';
import { firstRenderPreloads } from './firstRenderPreloads';
import { PhaseLoadError, type PhaseLoadStage } from './PhaseLoadError';
import { type PagePolicyBlocks, pagePolicyBlocks } from './pagePolicyBlocks';
import { classifyRemoteError } from './RemoteLoadError';
import {
  folderOf,
  freshUrl,
  type RemoteLoadSettings,
  remoteLoadSettings,
} from './remoteLoadSettings';

/** What the loader needs of a `ResolvedPhase` from the resolve answer. */
export interface PhaseRef {
  title: string;
  /** Phase type name and version, for diagnostics and telemetry. */
  phase?: string;
  version?: string;
  remote: {
    name: string;
    entry: string;
    /** SHA-384 of every file of the build, relative to `baseUrl`. */
    integrity?: Readonly<Record<string, string>>;
    /** The build's folder; the manifest's by default. */
    baseUrl?: string;
    /** The files of the first render, relative to `baseUrl`, when the registry recorded them. */
    firstRender?: PhaseFirstRender;
  };
  /** A developer's own build: its files change with every rebuild, so no hashes are enforced. */
  devOverride?: unknown;
}

/** How long a load may take; the registry's resolve answer may set it per deployment. */
export interface PhaseLoadBudget {
  /** The whole load, every attempt included, in ms. */
  budgetMs: number;
  /** One attempt (and one request of it), in ms. */
  attemptTimeoutMs: number;
}

export type PhaseModuleState =
  | { readonly status: 'idle' }
  | {
      readonly status: 'loading';
      readonly attempt: number;
      readonly attempts: number;
      /** `Date.now()` when the load started: the UI shows the time spent. */
      readonly startedAt: number;
      readonly budgetMs: number;
    }
  | { readonly status: 'ready'; readonly definition: PhaseDefinition }
  | { readonly status: 'failed'; readonly error: PhaseLoadError; readonly failedAt: number };

/** One settled load, for telemetry. */
export interface PhaseLoadReport {
  phase: string;
  version: string;
  outcome: 'loaded' | 'failed';
  stage?: PhaseLoadStage;
  code?: string;
  durationMs: number;
  attempts: number;
}

export interface PhaseLoaderOptions extends Partial<PhaseLoadBudget> {
  /** Attempts in all, the first included. Default 3. */
  attempts?: number;
  /** Pause before the second attempt in ms; it doubles before each further one. Default 500. */
  backoffMs?: number;
  /** The SDK version the host runs; phases must share its line. Default the SDK's own. */
  sdkVersion?: string;
  runtime?: FederationRuntime;
  /** Called once per settled load. */
  onReport?: (report: PhaseLoadReport) => void;
  /** What the page's Content-Security-Policy blocked; default this page's record. */
  pagePolicy?: PagePolicyBlocks;
  /** Starts downloads ahead of the MF runtime; default the runtime's (`<link rel="preload">`). */
  preload?: (preloads: readonly PhasePreload[]) => void;
}

export const DEFAULT_LOAD_BUDGET: PhaseLoadBudget = { budgetMs: 30_000, attemptTimeoutMs: 12_000 };

/** The module every phase remote exposes. */
export const PHASE_EXPOSE_NAME = 'Phase';

const IDLE: PhaseModuleState = Object.freeze({ status: 'idle' });

interface Slot {
  phase: PhaseRef;
  state: PhaseModuleState;
  /** The load in flight or done; dropped on failure so that the next load really re-attempts. */
  promise?: Promise<PhaseDefinition>;
}

function keyOf(phase: PhaseRef): string {
  return `${phase.remote.name} ${phase.remote.entry}`;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`;
}

export class PhaseLoader {
  readonly attempts: number;
  readonly backoffMs: number;
  private budget: PhaseLoadBudget;
  private readonly hostSdkLine: string;
  private readonly runtime: FederationRuntime;
  private readonly onReport: ((report: PhaseLoadReport) => void) | undefined;
  private readonly slots = new Map<string, Slot>();
  /** Remote name → attempts started for it in this page: the next attempt's generation. */
  private readonly generations = new Map<string, number>();
  /** Remote name → the last load of it, so that two versions of one remote never interleave. */
  private readonly lastLoadByName = new Map<string, Promise<unknown>>();
  private readonly listeners = new Set<() => void>();
  private readonly pagePolicy: PagePolicyBlocks;
  private readonly preloadFiles: (preloads: readonly PhasePreload[]) => void;

  constructor(options: PhaseLoaderOptions = {}) {
    this.budget = {
      budgetMs: options.budgetMs ?? DEFAULT_LOAD_BUDGET.budgetMs,
      attemptTimeoutMs: options.attemptTimeoutMs ?? DEFAULT_LOAD_BUDGET.attemptTimeoutMs,
    };
    this.attempts = Math.max(1, options.attempts ?? 3);
    this.backoffMs = options.backoffMs ?? 500;
    this.hostSdkLine = sdkLine(options.sdkVersion ?? SDK_VERSION);
    this.runtime = options.runtime ?? mfFederationRuntime;
    this.onReport = options.onReport;
    this.pagePolicy = options.pagePolicy ?? pagePolicyBlocks;
    this.preloadFiles = options.preload ?? ((preloads) => this.runtime.preload(preloads));
    // A violation reported after the load failed still explains it (and ends background retries).
    this.pagePolicy.subscribe(() => {
      for (const slot of this.slots.values()) {
        const { state } = slot;
        if (state.status !== 'failed') continue;
        const error = this.explainBlocked(slot.phase, state.error);
        if (error !== state.error) this.update(slot, { ...state, error });
      }
    });
  }

  /** The time budget of the next loads (the registry's resolve answer may change it). */
  get loadBudget(): PhaseLoadBudget {
    return this.budget;
  }

  setLoadBudget(budget: PhaseLoadBudget): void {
    this.budget = { ...budget };
  }

  /**
   * Load the phase's module, or join the load already under way (or done) for the same remote
   * and entry. After a failure it starts a new load.
   *
   * @example
   * const { component } = await loader.load(resolvedPhase);
   */
  load(phase: PhaseRef): Promise<PhaseDefinition> {
    const slot = this.slots.get(keyOf(phase));
    if (slot?.promise) return slot.promise;
    return this.start(phase);
  }

  /**
   * Start downloading the phase's first-render files without loading it yet (the resolve answer
   * is known but may still change): nothing happens for a phase whose load started already, or
   * for a remote loaded before in this page (its next load uses fresh URLs).
   */
  preload(phase: PhaseRef): void {
    if (this.slots.has(keyOf(phase)) || this.generations.has(phase.remote.name)) return;
    this.preloadFiles(firstRenderPreloads(phase));
  }

  /**
   * Load the phase again from scratch, even when its module is there (Retry after a crash, a
   * wrong export or a fixed bundle): fresh registration, fresh URLs, fresh evaluation.
   */
  reload(phase: PhaseRef): Promise<PhaseDefinition> {
    const slot = this.slots.get(keyOf(phase));
    if (slot?.state.status === 'loading' && slot.promise) return slot.promise;
    return this.start(phase);
  }

  /** Reload every phase whose last load failed for a reason that may have gone away. */
  retryTransientFailures(): void {
    for (const slot of this.slots.values()) {
      const { state } = slot;
      if (state.status === 'failed' && state.error.transient) {
        this.reload(slot.phase).catch(() => undefined);
      }
    }
  }

  /** Whether any load failed for a reason that may go away by itself. */
  hasTransientFailures(): boolean {
    for (const { state } of this.slots.values()) {
      if (state.status === 'failed' && state.error.transient) return true;
    }
    return false;
  }

  /** The current state of the phase's module; the same object until it changes. */
  getState(phase: PhaseRef): PhaseModuleState {
    return this.slots.get(keyOf(phase))?.state ?? IDLE;
  }

  /** Listen to every state change (for `useSyncExternalStore`). */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  private start(phase: PhaseRef): Promise<PhaseDefinition> {
    const slot: Slot = { state: IDLE, phase };
    this.slots.set(keyOf(phase), slot);
    const startedAt = Date.now();
    const budget = this.budget;
    let attempts = 0;
    const promise = this.attemptAll(phase, slot, startedAt, budget, (n) => {
      attempts = n;
    }).then(
      (definition) => {
        this.update(slot, { status: 'ready', definition });
        this.report(phase, { outcome: 'loaded', durationMs: Date.now() - startedAt, attempts });
        return definition;
      },
      (error: PhaseLoadError) => {
        slot.promise = undefined;
        this.update(slot, { status: 'failed', error, failedAt: Date.now() });
        this.report(phase, {
          outcome: 'failed',
          stage: error.stage,
          code: error.code,
          durationMs: Date.now() - startedAt,
          attempts,
        });
        throw error;
      },
    );
    slot.promise = promise;
    return promise;
  }

  private report(phase: PhaseRef, outcome: Omit<PhaseLoadReport, 'phase' | 'version'>): void {
    if (!this.onReport) return;
    try {
      this.onReport({
        phase: phase.phase ?? phase.remote.name,
        version: phase.version ?? '',
        ...outcome,
      });
    } catch {
      // Telemetry never breaks loading.
    }
  }

  private update(slot: Slot, state: PhaseModuleState): void {
    slot.state = state;
    for (const listener of this.listeners) listener();
  }

  private async attemptAll(
    phase: PhaseRef,
    slot: Slot,
    startedAt: number,
    budget: PhaseLoadBudget,
    counted: (attempts: number) => void,
  ): Promise<PhaseDefinition> {
    let previous: PhaseLoadError | undefined;
    for (let attempt = 1; ; attempt++) {
      const left = budget.budgetMs - (Date.now() - startedAt);
      // A pause that overran the budget (timers of a throttled background tab fire late) starts
      // no attempt that has no time at all: the load ends with the failure before the pause.
      if (previous && left <= 0) throw this.givenUp(previous, Date.now() - startedAt, attempt - 1);
      counted(attempt);
      this.update(slot, {
        status: 'loading',
        attempt,
        attempts: this.attempts,
        startedAt,
        budgetMs: budget.budgetMs,
      });
      try {
        return await this.attemptOnce(phase, Math.min(budget.attemptTimeoutMs, left));
      } catch (error) {
        const failure = this.explainBlocked(
          phase,
          await explainScriptFailure(
            error instanceof PhaseLoadError ? error : this.toPhaseLoadError(error, phase),
            remoteLoadSettings.get(phase.remote.name),
          ),
        );
        const elapsed = Date.now() - startedAt;
        const pause = this.backoffMs * 2 ** (attempt - 1);
        const outOfTime = elapsed + pause >= budget.budgetMs;
        if (!failure.transient || attempt >= this.attempts || outOfTime) {
          throw this.givenUp(failure, elapsed, attempt);
        }
        previous = failure;
        await sleep(pause);
      }
    }
  }

  /** The failure that ends a load; a time-out also says how long the whole load took. */
  private givenUp(failure: PhaseLoadError, elapsed: number, attempts: number): PhaseLoadError {
    if (!failure.timedOut) return failure;
    return failure.asTimedOut(
      `${failure.detail} (gave up after ${seconds(elapsed)} and ${attempts} ${attempts === 1 ? 'attempt' : 'attempts'})`,
    );
  }

  /** One attempt, after any load of another version of the same remote has settled. */
  private attemptOnce(phase: PhaseRef, timeoutMs: number): Promise<PhaseDefinition> {
    const { name } = phase.remote;
    const previous = this.lastLoadByName.get(name) ?? Promise.resolve();
    const attempt = previous
      .catch(() => undefined)
      .then(() => {
        const settings = this.prepare(phase, timeoutMs);
        return this.withTimeout(phase, settings, timeoutMs, this.loadModule(phase));
      });
    this.lastLoadByName.set(name, attempt);
    return attempt;
  }

  /** Settings for the runtime plugin, and a registration that shares nothing with earlier ones. */
  private prepare(phase: PhaseRef, timeoutMs: number): RemoteLoadSettings {
    const { name, entry } = phase.remote;
    const generation = this.generations.get(name) ?? 0;
    this.generations.set(name, generation + 1);
    const settings: RemoteLoadSettings = {
      generation,
      baseUrl: phase.remote.baseUrl ?? folderOf(entry),
      integrity: phase.remote.integrity ?? {},
      enforceIntegrity: phase.devOverride === undefined,
      requestTimeoutMs: timeoutMs,
      stage: 'manifest',
    };
    remoteLoadSettings.set(name, settings);
    // Later attempts use fresh URLs, which no preload (of the page or of an earlier attempt) has.
    if (generation === 0) this.preloadFiles(firstRenderPreloads(phase));
    this.runtime.register(name, freshUrl(entry, generation));
    return settings;
  }

  private async loadModule(phase: PhaseRef): Promise<PhaseDefinition> {
    const { name } = phase.remote;
    const module = await this.runtime.load(name, PHASE_EXPOSE_NAME);
    const candidate = (module as { default?: unknown } | null)?.default ?? module;
    if (!isPhaseDefinition(candidate)) {
      throw new PhaseLoadError(
        'expose',
        phase.title,
        `${name}/${PHASE_EXPOSE_NAME} is not a phase: its default export must be definePhase({ component }) from @coursekit/phase-sdk.`,
      );
    }
    if (candidate.sdkMajor !== this.hostSdkLine) {
      throw new PhaseLoadError(
        'sdk',
        phase.title,
        `${name} was built for SDK ${candidate.sdkMajor}, but this Coursekit runs SDK ${this.hostSdkLine}; rebuild the phase against @coursekit/phase-sdk ${this.hostSdkLine}.`,
      );
    }
    return candidate;
  }

  private withTimeout<T>(
    phase: PhaseRef,
    settings: RemoteLoadSettings,
    timeoutMs: number,
    work: Promise<T>,
  ): Promise<T> {
    // A late failure of an abandoned attempt must not surface as an unhandled rejection.
    work.catch(() => undefined);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        reject(
          new PhaseLoadError(
            settings.stage,
            phase.title,
            `${phase.remote.name} made no progress past its ${settings.stage} stage within ${seconds(timeoutMs)}`,
            { timedOut: true },
          ),
        );
      }, timeoutMs);
    });
    return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
  }

  /** `failure`, or the same failure told as the page's policy blocking the phase's address. */
  private explainBlocked(phase: PhaseRef, failure: PhaseLoadError): PhaseLoadError {
    if (failure.blockedByPage || (failure.stage !== 'manifest' && failure.stage !== 'entry')) {
      return failure;
    }
    const addresses = [phase.remote.entry, phase.remote.baseUrl, failure.url];
    const blocked = addresses.some((url) => url !== undefined && this.pagePolicy.blocks(url));
    return blocked ? failure.asBlockedByPage() : failure;
  }

  private toPhaseLoadError(error: unknown, phase: PhaseRef): PhaseLoadError {
    const failure = classifyRemoteError(error, phase.remote.name);
    return new PhaseLoadError(failure.stage, phase.title, failure.detail, {
      ...failure.options,
      cause: failure,
    });
  }
}
