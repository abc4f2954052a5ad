/**
 * Loads phase modules at run time, in plain TypeScript so that the router can start a load before
 * React renders anything and React only subscribes to its state. For a resolved phase it registers
 * the remote with the MF runtime, loads `<name>/Phase`, checks that the module is a
 * `definePhase(...)` built for this host's SDK line, and bounds each attempt by a time-out, with a
 * bounded number of retries and a growing pause between them. Every failure becomes a
 * `PhaseLoadError` that names the phase. Loads are memoized per (remote name, manifest URL): two
 * course phases of the same phase version share one download.
 */
import {
  isPhaseDefinition,
  type PhaseDefinition,
  SDK_VERSION,
  sdkLine,
} from '@coursekit/phase-sdk';
import { loadRemote, registerRemotes } from '@module-federation/enhanced/runtime';
import { PhaseLoadError } from './PhaseLoadError';
import { type RemoteLoadError, toRemoteLoadError } from './RemoteLoadError';

/** What the loader needs of a `ResolvedPhase` from the resolve answer. */
export interface PhaseRef {
  title: string;
  remote: { name: string; entry: string };
}

export type PhaseModuleState =
  | { readonly status: 'idle' }
  | { readonly status: 'loading'; readonly attempt: number; readonly attempts: number }
  | { readonly status: 'ready'; readonly definition: PhaseDefinition }
  | { readonly status: 'failed'; readonly error: PhaseLoadError };

export interface PhaseLoaderOptions {
  /** Time-out of one attempt in ms. Default 15 000. */
  timeoutMs?: number;
  /** Attempts in all, the first included. Default 3. */
  attempts?: number;
  /** Pause before the second attempt in ms; it doubles before each further one. Default 500. */
  backoffMs?: number;
  /** The SDK version the host runs; phases must share its line. Default the SDK's own. */
  sdkVersion?: string;
}

/** The module every phase remote exposes. */
export const PHASE_EXPOSE_NAME = 'Phase';

const IDLE: PhaseModuleState = Object.freeze({ status: 'idle' });

interface Slot {
  state: PhaseModuleState;
  /** The load in flight or done; dropped on failure so that the next load really re-attempts. */
  promise?: Promise<PhaseDefinition>;
  /** The last load failed: re-register with `force` to clear what the MF runtime cached. */
  failedBefore: boolean;
}

function keyOf(phase: PhaseRef): string {
  return `${phase.remote.name} ${phase.remote.entry}`;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export class PhaseLoader {
  readonly timeoutMs: number;
  readonly attempts: number;
  readonly backoffMs: number;
  private readonly hostSdkLine: string;
  private readonly slots = new Map<string, Slot>();
  /** Remote name → the manifest URL it is registered with in the MF runtime. */
  private readonly registered = new Map<string, string>();
  /** Remote name → the last load of it, so that two versions of one remote never interleave. */
  private readonly lastLoadByName = new Map<string, Promise<unknown>>();
  private readonly listeners = new Set<() => void>();

  constructor(options: PhaseLoaderOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? 15_000;
    this.attempts = Math.max(1, options.attempts ?? 3);
    this.backoffMs = options.backoffMs ?? 500;
    this.hostSdkLine = sdkLine(options.sdkVersion ?? SDK_VERSION);
  }

  /**
   * Load the phase's module, or join the load already under way for the same remote and entry.
   *
   * @example
   * const { component } = await loader.load(resolvedPhase);
   */
  load(phase: PhaseRef): Promise<PhaseDefinition> {
    const key = keyOf(phase);
    const slot = this.slots.get(key);
    if (slot?.promise) return slot.promise;
    const force = slot?.failedBefore ?? false;
    const next: Slot = { state: IDLE, failedBefore: force };
    this.slots.set(key, next);
    const promise = this.attemptAll(phase, next, force).then(
      (definition) => {
        next.failedBefore = false;
        this.update(next, { status: 'ready', definition });
        return definition;
      },
      (error: PhaseLoadError) => {
        next.promise = undefined;
        next.failedBefore = true;
        this.update(next, { status: 'failed', error });
        throw error;
      },
    );
    next.promise = promise;
    return promise;
  }

  /** Try again after a failure (the Retry button): forgets the failure and reloads from scratch. */
  retry(phase: PhaseRef): Promise<PhaseDefinition> {
    return this.load(phase);
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

  private update(slot: Slot, state: PhaseModuleState): void {
    slot.state = state;
    for (const listener of this.listeners) listener();
  }

  private async attemptAll(phase: PhaseRef, slot: Slot, forceFirst: boolean) {
    for (let attempt = 1; ; attempt++) {
      this.update(slot, { status: 'loading', attempt, attempts: this.attempts });
      try {
        return await this.attemptOnce(phase, forceFirst || attempt > 1);
      } catch (error) {
        const failure =
          error instanceof PhaseLoadError
            ? error
            : this.toPhaseLoadError(toRemoteLoadError(error, phase.remote.name), phase);
        if (!failure.retryable || attempt >= this.attempts) throw failure;
        await sleep(this.backoffMs * 2 ** (attempt - 1));
      }
    }
  }

  /** One attempt, after any load of another version of the same remote has settled. */
  private attemptOnce(phase: PhaseRef, force: boolean): Promise<PhaseDefinition> {
    const { name } = phase.remote;
    const previous = this.lastLoadByName.get(name) ?? Promise.resolve();
    const attempt = previous
      .catch(() => undefined)
      .then(() => this.withTimeout(phase, this.loadModule(phase, force)));
    this.lastLoadByName.set(name, attempt);
    return attempt;
  }

  private async loadModule(phase: PhaseRef, force: boolean): Promise<PhaseDefinition> {
    const { name, entry } = phase.remote;
    const registeredEntry = this.registered.get(name);
    if (force || registeredEntry !== entry) {
      // `force` drops what the MF runtime cached for this name: a failed manifest or script
      // load, or the container of another version of the same phase.
      registerRemotes(
        [{ name, entry }],
        force || registeredEntry !== undefined ? { force: true } : undefined,
      );
      this.registered.set(name, entry);
    }
    const module = await loadRemote<unknown>(`${name}/${PHASE_EXPOSE_NAME}`);
    const candidate = (module as { default?: unknown } | null)?.default ?? module;
    if (!isPhaseDefinition(candidate)) {
      throw new PhaseLoadError(
        'not-a-phase',
        phase.title,
        `${name}/${PHASE_EXPOSE_NAME} is not a phase: its default export must be definePhase({ component }) from @coursekit/phase-sdk.`,
      );
    }
    if (candidate.sdkMajor !== this.hostSdkLine) {
      throw new PhaseLoadError(
        'incompatible-sdk',
        phase.title,
        `${name} was built for SDK ${candidate.sdkMajor}, but this Coursekit runs SDK ${this.hostSdkLine}; rebuild the phase against @coursekit/phase-sdk ${this.hostSdkLine}.`,
      );
    }
    return candidate;
  }

  private withTimeout<T>(phase: PhaseRef, work: Promise<T>): Promise<T> {
    // A late failure of an abandoned attempt must not surface as an unhandled rejection.
    work.catch(() => undefined);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const seconds = Math.round(this.timeoutMs / 100) / 10;
        reject(
          new PhaseLoadError(
            'timeout',
            phase.title,
            `${phase.remote.name} did not load within ${seconds} s.`,
          ),
        );
      }, this.timeoutMs);
    });
    return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
  }

  private toPhaseLoadError(error: RemoteLoadError, phase: PhaseRef): PhaseLoadError {
    return new PhaseLoadError(error.reason, phase.title, error.detail, { cause: error });
  }
}
