/**
 * Sends the phase loader's reports to the registry (`POST /api/phase-loads`), so that admins see
 * which phase version fails for whom and at which stage. Reports are batched (one request a
 * second at most), sent with `keepalive` so a closing tab still delivers them, checked against
 * the contract first (a report the registry would refuse is dropped alone, not with the batch),
 * and never retried: telemetry must cost a page nothing when the registry is away.
 */
import type { CoreClient } from '@coursekit/phase-sdk/client';
import { PhaseLoadReport as ReportSchema } from '@coursekit/phase-sdk/contract';
import type { PhaseLoadReport } from './PhaseLoader';

const FLUSH_AFTER_MS = 1_000;
const MAX_BATCH = 50;

export class PhaseLoadReporter {
  private queue: ReportSchema[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly core: Pick<CoreClient, 'request'>) {
    globalThis.addEventListener?.('pagehide', () => this.flush());
  }

  /** Queue one settled load; `PhaseLoader`'s `onReport`. */
  add = (report: PhaseLoadReport): void => {
    const parsed = ReportSchema.safeParse({
      phase: report.phase,
      version: report.version,
      outcome: report.outcome,
      ...(report.outcome === 'failed' ? { stage: report.stage } : {}),
      durationMs: Math.round(report.durationMs),
      attempts: report.attempts,
    });
    if (!parsed.success) return;
    this.queue.push(parsed.data);
    if (this.queue.length >= MAX_BATCH) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), FLUSH_AFTER_MS);
  };

  /** Send what is queued now. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const reports = this.queue.splice(0, MAX_BATCH);
    if (reports.length === 0) return;
    this.core
      .request('/api/phase-loads', null, { method: 'POST', json: { reports }, keepalive: true })
      .catch(() => {
        // Dropped on purpose: see the module comment.
      });
    if (this.queue.length) this.flush();
  }
}
