/**
 * Which course phases cannot reach their own server right now, from what their `apiFetch` calls
 * get back through the gateway (`phaseServerStatus` of the SDK): the phase's slot shows a notice
 * while its server is away, `PhaseRecovery` probes it in the background, and once an answer comes
 * back the notice goes and the phase's failed server reads are fetched again, so that the phase
 * recovers in place without doing anything itself.
 */
import type { PhaseServerStatus } from '@coursekit/phase-sdk/client';

export interface PhaseServerOutage {
  /** 502, 503 or 504. */
  status: number;
  /** The request that got it, e.g. `GET /phase-api/matching/topics`. */
  request: string;
  /** When it was first seen (`Date.now()`). */
  since: number;
}

export interface PhaseServerHealthOptions {
  /** Called when a course phase's server answers again after an outage. */
  onRecovered?: (coursePhaseId: string) => void;
}

export class PhaseServerHealth {
  private readonly outages = new Map<string, PhaseServerOutage>();
  private readonly listeners = new Set<() => void>();

  constructor(private readonly options: PhaseServerHealthOptions = {}) {}

  /** Record what an answer says about a course phase's server. */
  report(coursePhaseId: string, status: PhaseServerStatus): void {
    const known = this.outages.get(coursePhaseId);
    if (status.available) {
      if (!known) return;
      this.outages.delete(coursePhaseId);
      this.changed();
      this.options.onRecovered?.(coursePhaseId);
      return;
    }
    if (known?.status === status.status) return;
    this.outages.set(coursePhaseId, {
      status: status.status,
      request: status.request,
      since: known?.since ?? Date.now(),
    });
    this.changed();
  }

  /** The outage of a course phase's server, or `undefined` while it answers. */
  outage(coursePhaseId: string): PhaseServerOutage | undefined {
    return this.outages.get(coursePhaseId);
  }

  /** The course phases whose server is away. */
  down(): string[] {
    return [...this.outages.keys()];
  }

  /** Forget every outage (sign-out). */
  clear(): void {
    if (this.outages.size === 0) return;
    this.outages.clear();
    this.changed();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  private changed(): void {
    for (const listener of this.listeners) listener();
  }
}
