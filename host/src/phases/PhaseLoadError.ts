/**
 * Why a phase could not be shown, as one typed error that the phase's slot explains. The stage
 * says where loading stopped (its manifest, its entry script, its `./Phase` module, a shared
 * library, its SDK line, its integrity, its rendering, its server), which decides the plain
 * message a user reads, whether Retry can help and whether Coursekit retries by itself. The
 * technical detail (URLs, statuses, the runtime's own words) is kept apart for the folded-away
 * diagnostic that support asks for.
 */

import type { PhaseLoadStage } from '@coursekit/phase-sdk/contract';

// The stages are a wire format too: hosts report them (PhaseLoadReporter).
export { PHASE_LOAD_STAGES, type PhaseLoadStage } from '@coursekit/phase-sdk/contract';

export interface PhaseLoadErrorOptions {
  cause?: unknown;
  /** The URL that failed, when one did. */
  url?: string;
  /** The HTTP status it answered, when it answered. */
  status?: number;
  /** The stage did not finish within the time budget. */
  timedOut?: boolean;
  /**
   * What was fetched arrived and is broken (an entry that is not valid JavaScript): fetching it
   * again gives the same bytes, so only a new release helps.
   */
  broken?: boolean;
  /**
   * The page's Content-Security-Policy blocked the phase's address: its version lives on an
   * origin registered after this page was served. Only reloading the page (and its policy) helps.
   */
  blockedByPage?: boolean;
}

export class PhaseLoadError extends Error {
  override readonly name = 'PhaseLoadError';
  readonly url: string | undefined;
  readonly status: number | undefined;
  readonly timedOut: boolean;
  readonly broken: boolean;
  readonly blockedByPage: boolean;

  /**
   * @example
   * new PhaseLoadError('entry', 'Welcome', 'remoteEntry.js answered HTTP 404', { status: 404 });
   */
  constructor(
    readonly stage: PhaseLoadStage,
    readonly phaseTitle: string,
    /** What failed, technically: for the diagnostic and the logs, never the headline. */
    readonly detail: string,
    options: PhaseLoadErrorOptions = {},
  ) {
    super(`The phase “${phaseTitle}” failed at its ${stage} stage: ${detail}`, {
      cause: options.cause,
    });
    this.url = options.url;
    this.status = options.status;
    this.timedOut = options.timedOut ?? false;
    this.broken = options.broken ?? false;
    this.blockedByPage = options.blockedByPage ?? false;
  }

  /** `CK_PHASE_ENTRY`, `CK_PHASE_MANIFEST_TIMEOUT`, ...: stable for logs, telemetry and tests. */
  get code(): string {
    const stage = this.stage.toUpperCase().replaceAll('-', '_');
    if (this.blockedByPage) return `CK_PHASE_${stage}_BLOCKED_BY_PAGE`;
    return `CK_PHASE_${stage}${this.timedOut ? '_TIMEOUT' : ''}`;
  }

  /**
   * Whether Retry can help: a phase built for another SDK line stays so until it is rebuilt; one
   * the page's policy blocks needs the page reloaded.
   */
  get retryable(): boolean {
    return this.stage !== 'sdk' && !this.blockedByPage;
  }

  /**
   * Whether the fault may go away by itself (a network, a server, a time-out), so that another
   * attempt within the budget, or a background retry once the network is back, is worth it. A
   * 404, a broken bundle or a tampered file needs someone to act first.
   */
  get transient(): boolean {
    if (this.timedOut) return true;
    if (this.broken || this.blockedByPage) return false;
    if (this.stage !== 'manifest' && this.stage !== 'entry' && this.stage !== 'phase-server') {
      return false;
    }
    return this.status === undefined || this.status >= 500 || this.status === 429;
  }

  /** The same failure, told for another course phase that uses the same module. */
  forPhase(phaseTitle: string): PhaseLoadError {
    if (phaseTitle === this.phaseTitle) return this;
    return new PhaseLoadError(this.stage, phaseTitle, this.detail, {
      cause: this.cause,
      url: this.url,
      status: this.status,
      timedOut: this.timedOut,
      broken: this.broken,
      blockedByPage: this.blockedByPage,
    });
  }

  /** The same failure, explained by the page's policy blocking its address. */
  asBlockedByPage(): PhaseLoadError {
    return new PhaseLoadError(
      this.stage,
      this.phaseTitle,
      `${this.detail} (this page's Content-Security-Policy blocked ${this.url ?? 'its address'})`,
      {
        cause: this.cause,
        url: this.url,
        status: this.status,
        blockedByPage: true,
      },
    );
  }

  /** The same failure, marked as having run out of time. */
  asTimedOut(detail: string): PhaseLoadError {
    return new PhaseLoadError(this.stage, this.phaseTitle, detail, {
      cause: this.cause,
      url: this.url,
      status: this.status,
      timedOut: true,
    });
  }
}
