/**
 * Recovery without a reload: while a phase load or a shell read has failed for a reason that may
 * go away (network, server, time-out), or a phase's own server is away, it is tried again when
 * the browser says it is back online, when the window regains focus, and by a background probe
 * whose pause doubles up to a bound. Failures that need someone to act (a 404, a broken or
 * tampered bundle) are left to Retry.
 */
import { CoreApiError, CoreNetworkError } from '@coursekit/phase-sdk/client';
import type { Query, QueryClient } from '@tanstack/react-query';
import type { PhaseApis } from './PhaseApis';
import type { PhaseLoader } from './PhaseLoader';

export interface PhaseRecoveryOptions {
  /** First pause of the background probe, in ms. Default 1 000. */
  minIntervalMs?: number;
  /** Longest pause of the background probe, in ms. Default 30 000. */
  maxIntervalMs?: number;
  /** The phases' server clients, whose outages are probed too. */
  phaseApis?: PhaseApis;
}

/** Whether a failed read of the registry may succeed later without anyone acting. */
export function isTransientReadError(error: unknown): boolean {
  if (error instanceof CoreNetworkError) return true;
  return error instanceof CoreApiError && (error.status >= 500 || error.status === 429);
}

const failedTransiently = (query: Query) =>
  query.state.status === 'error' && isTransientReadError(query.state.error);

export class PhaseRecovery {
  private minIntervalMs: number;
  private maxIntervalMs: number;
  private interval: number;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly phaseApis: PhaseApis | undefined;
  /** Course phases whose server is being probed now: one probe each at a time. */
  private readonly probing = new Set<string>();

  constructor(
    private readonly loader: PhaseLoader,
    private readonly queryClient: QueryClient,
    options: PhaseRecoveryOptions = {},
  ) {
    this.minIntervalMs = options.minIntervalMs ?? 1_000;
    this.maxIntervalMs = options.maxIntervalMs ?? 30_000;
    this.interval = this.minIntervalMs;
    this.phaseApis = options.phaseApis;
  }

  /** The longest pause between background attempts (the resolve answer may set it). */
  setMaxInterval(ms: number): void {
    this.maxIntervalMs = Math.max(this.minIntervalMs, ms);
  }

  /** Whether anything waits for recovery. */
  needed(): boolean {
    return (
      this.loader.hasTransientFailures() ||
      (this.phaseApis?.serverHealth.down().length ?? 0) > 0 ||
      this.queryClient.getQueryCache().findAll({ type: 'active' }).some(failedTransiently)
    );
  }

  /** Try every recoverable failure again now. */
  recoverNow = (): void => {
    this.loader.retryTransientFailures();
    for (const coursePhaseId of this.phaseApis?.serverHealth.down() ?? []) {
      if (this.probing.has(coursePhaseId)) continue;
      this.probing.add(coursePhaseId);
      void this.phaseApis?.probe(coursePhaseId).finally(() => this.probing.delete(coursePhaseId));
    }
    void this.queryClient
      .refetchQueries({ type: 'active', predicate: failedTransiently })
      .catch(() => undefined);
  };

  /**
   * Listen for the browser's signals and run the probe; returns the function that stops it all.
   *
   * @example
   * useEffect(() => new PhaseRecovery(loader, queryClient).start(), []);
   */
  start(): () => void {
    const onVisible = () => {
      if (document.visibilityState === 'visible') this.recoverNow();
    };
    const onSignal = () => this.recoverNow();
    window.addEventListener('online', onSignal);
    window.addEventListener('focus', onSignal);
    document.addEventListener('visibilitychange', onVisible);
    const stopLoader = this.loader.subscribe(this.schedule);
    const stopQueries = this.queryClient.getQueryCache().subscribe(this.schedule);
    const stopServers = this.phaseApis?.serverHealth.subscribe(this.schedule);
    this.schedule();
    return () => {
      window.removeEventListener('online', onSignal);
      window.removeEventListener('focus', onSignal);
      document.removeEventListener('visibilitychange', onVisible);
      stopLoader();
      stopQueries();
      stopServers?.();
      clearTimeout(this.timer);
      this.timer = undefined;
    };
  }

  private readonly schedule = (): void => {
    if (this.timer !== undefined) return;
    if (!this.needed()) {
      this.interval = this.minIntervalMs;
      return;
    }
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (!this.needed()) return;
      this.interval = Math.min(this.interval * 2, this.maxIntervalMs);
      this.recoverNow();
      this.schedule();
    }, this.interval);
  };
}
