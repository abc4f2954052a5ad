/**
 * Whether a phase's own server answers, as seen from the answers `apiFetch` gets through the
 * core's gateway. The gateway answers 502 when it cannot reach the server and 504 when the server
 * does not answer in time; a server that is up but cannot serve (its database away) answers 503.
 * Those three say "the server is not available"; any other answer, a refusal included, says it
 * is there. The host listens to this (`ApiFetchOptions.onServerStatus`) to tell the user in the
 * phase's slot and to refresh the phase once its server is back: no phase has to do it itself.
 */

/** What the last answer through the gateway says about the phase's server. */
export type PhaseServerStatus =
  | { readonly available: true }
  | {
      readonly available: false;
      /** 502 (unreachable), 503 (unavailable) or 504 (no answer in time). */
      readonly status: number;
      /** The request that got it, e.g. `GET /phase-api/matching/topics`. */
      readonly request: string;
    };

const UNAVAILABLE = new Set([502, 503, 504]);

/**
 * @example
 * phaseServerStatus(new Response(null, { status: 504 }), 'GET /phase-api/x/items')
 * // { available: false, status: 504, request: 'GET /phase-api/x/items' }
 */
export function phaseServerStatus(response: Response, request: string): PhaseServerStatus {
  return UNAVAILABLE.has(response.status)
    ? { available: false, status: response.status, request }
    : { available: true };
}
