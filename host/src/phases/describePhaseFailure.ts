/**
 * The words a person sees when a phase cannot be shown: one headline and one explanation per
 * stage, in plain language (no runtime codes, no stack traces), saying what happened and what
 * happens next. The technical side lives in `phaseDiagnostic`.
 */
import type { PhaseLoadError } from './PhaseLoadError';

export interface PhaseFailureText {
  headline: string;
  explanation: string;
}

function seconds(ms: number): string {
  const value = Math.round(ms / 100) / 10;
  return `${value} ${value === 1 ? 'second' : 'seconds'}`;
}

function answered(status: number | undefined): string {
  return status === undefined ? '' : ` (its server answered ${status})`;
}

/**
 * @example
 * describePhaseFailure(new PhaseLoadError('sdk', 'Welcome', '...')).headline
 * // '“Welcome” was built for another version of Coursekit.'
 */
export function describePhaseFailure(
  error: PhaseLoadError,
  /** How long the load was given, for the time-out message. */
  budgetMs?: number,
): PhaseFailureText {
  const title = `“${error.phaseTitle}”`;
  if (error.blockedByPage) {
    return {
      headline: `${title} has moved to a new address.`,
      explanation:
        'This page was opened before the move, so it may not load from there yet. Reload the page to load the phase.',
    };
  }
  if (error.timedOut) {
    const within = budgetMs === undefined ? '' : ` within ${seconds(budgetMs)}`;
    return {
      headline: `${title} did not load${within}.`,
      explanation:
        error.stage === 'phase-server'
          ? 'Its server is not answering in time. Coursekit keeps checking and shows the phase again once it answers.'
          : 'Its files are not arriving. Coursekit tries again by itself when your connection or the server comes back; you can also retry now.',
    };
  }
  switch (error.stage) {
    case 'manifest':
      return {
        headline: `${title} could not be reached.`,
        explanation: `Coursekit could not download the description of this phase${answered(error.status)}. Coursekit tries again by itself when the server is back; you can also retry now.`,
      };
    case 'entry':
      return {
        headline: `${title} could not be started.`,
        explanation: `The program of this phase could not be downloaded or is damaged${answered(error.status)}. Coursekit tries again by itself when the server is back; you can also retry now.`,
      };
    case 'expose':
      return {
        headline: `${title} is not a usable phase.`,
        explanation:
          'Its bundle does not contain the page Coursekit opens. The phase’s developers need to publish a corrected build; retry once they have.',
      };
    case 'shared':
      return {
        headline: `${title} could not be started.`,
        explanation:
          'A library this phase shares with Coursekit is missing or has an incompatible version. The phase needs a rebuild against this Coursekit.',
      };
    case 'sdk':
      return {
        headline: `${title} was built for another version of Coursekit.`,
        explanation:
          'It cannot run here, and retrying will not change that. An administrator needs to install a version of this phase built for this Coursekit.',
      };
    case 'integrity':
      return {
        headline: `${title} was blocked for your safety.`,
        explanation:
          'Its files are not the ones that were published, so none of its code was run. An administrator needs to check where this phase is served from.',
      };
    case 'render':
      return {
        headline: `${title} stopped working.`,
        explanation:
          'The phase hit an error while showing this page. The rest of Coursekit still works; retry to start the phase afresh.',
      };
    case 'phase-server': {
      const status = error.status === undefined ? '' : ` (HTTP ${error.status})`;
      const why =
        error.status === 504
          ? 'its own server did not answer in time'
          : `it cannot reach its own server${status}`;
      return {
        headline: `The server of ${title} is not answering.`,
        explanation: `The phase is open, but ${why}, so some of it may not work. Coursekit keeps checking and refreshes the phase once its server answers.`,
      };
    }
  }
}
