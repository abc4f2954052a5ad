/**
 * Why a phase could not be shown, as one typed error the PhaseBoundary can explain: the reason is
 * machine-readable (and decides whether retrying can help), the message names the phase and what
 * failed so that the person looking at the screen knows what happened.
 */

export type PhaseLoadFailureReason =
  | 'timeout'
  | 'unreachable'
  | 'not-a-phase'
  | 'incompatible-sdk'
  | 'crashed';

const RETRYABLE: ReadonlySet<PhaseLoadFailureReason> = new Set([
  'timeout',
  'unreachable',
  'crashed',
]);

export class PhaseLoadError extends Error {
  override readonly name = 'PhaseLoadError';

  /**
   * @example
   * new PhaseLoadError('timeout', 'Welcome', 'intro-course did not answer within 15 s.');
   * // message: The phase “Welcome” could not be loaded: intro-course did not answer within 15 s.
   */
  constructor(
    readonly reason: PhaseLoadFailureReason,
    readonly phaseTitle: string,
    /** What failed, without the phase title: reused when the same module fails for another phase. */
    readonly detail: string,
    options?: { cause?: unknown },
  ) {
    super(`The phase “${phaseTitle}” could not be loaded: ${detail}`, options);
  }

  /** `CK_PHASE_TIMEOUT`, `CK_PHASE_NOT_A_PHASE`, ...: stable for logs and tests. */
  get code(): string {
    return `CK_PHASE_${this.reason.toUpperCase().replaceAll('-', '_')}`;
  }

  /** Whether another attempt can succeed: a missing or incompatible phase stays so. */
  get retryable(): boolean {
    return RETRYABLE.has(this.reason);
  }

  /** The same failure, told for another course phase that uses the same module. */
  forPhase(phaseTitle: string): PhaseLoadError {
    if (phaseTitle === this.phaseTitle) return this;
    return new PhaseLoadError(this.reason, phaseTitle, this.detail, { cause: this.cause });
  }
}
