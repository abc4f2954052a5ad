/**
 * Keeps one course phase's token in memory (never in storage): hands out the cached token while it
 * is fresh, fetches a new one shortly before it expires, and shares one request among concurrent
 * callers.
 */
import type { PhaseToken } from '../contract/index.js';

export interface PhaseTokenManagerOptions {
  /** Fetch a fresh token (the host passes `() => core.phaseToken(coursePhaseId)`). */
  fetchToken: () => Promise<PhaseToken>;
  /** Refresh this long before expiry. Default 30 s. */
  refreshBeforeMs?: number;
  now?: () => number;
}

export class PhaseTokenManager {
  private current: { token: string; expiresAt: number } | null = null;
  private inFlight: Promise<string> | null = null;
  private readonly refreshBeforeMs: number;
  private readonly now: () => number;

  constructor(private readonly options: PhaseTokenManagerOptions) {
    this.refreshBeforeMs = options.refreshBeforeMs ?? 30_000;
    this.now = options.now ?? Date.now;
  }

  /** A token valid for at least `refreshBeforeMs` more. */
  getToken(): Promise<string> {
    if (this.current && this.current.expiresAt - this.now() > this.refreshBeforeMs) {
      return Promise.resolve(this.current.token);
    }
    if (!this.inFlight) {
      this.inFlight = this.options
        .fetchToken()
        .then((fresh) => {
          this.current = { token: fresh.token, expiresAt: Date.parse(fresh.expiresAt) };
          return fresh.token;
        })
        .finally(() => {
          this.inFlight = null;
        });
    }
    return this.inFlight;
  }

  /** Forget the cached token (after the phase server refused it). */
  invalidate(token?: string): void {
    if (!token || this.current?.token === token) this.current = null;
  }
}
