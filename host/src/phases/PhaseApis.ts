/**
 * Per course phase, the token manager, `apiFetch` and storage client the host hands to the phase.
 * Kept for the whole session so that navigating back to a phase reuses its fresh token and what
 * its storage client knows; cleared on sign-out so that no token (and no document) outlives the
 * user it was issued to. Tokens live in memory only. Every answer of a phase's server tells
 * `serverHealth` whether that server is available, and `probe` asks it again during an outage.
 */
import {
  type ApiFetch,
  type CoreClient,
  createApiFetch,
  PhaseTokenManager,
  phaseApiBase,
  StorageClient,
} from '@coursekit/phase-sdk/client';
import { PhaseServerHealth, type PhaseServerHealthOptions } from './PhaseServerHealth';

export interface PhaseApi {
  getToken: () => Promise<string>;
  apiFetch: ApiFetch;
  /** Core storage of this course phase, through the registry with the session cookie. */
  storage: StorageClient;
}

/** Any path answers the question "is the server there": the kit's servers serve this one. */
export const PHASE_SERVER_PROBE_PATH = '/healthz';

export class PhaseApis {
  private readonly byCoursePhase = new Map<string, PhaseApi>();
  readonly serverHealth: PhaseServerHealth;

  constructor(
    private readonly core: CoreClient,
    options: PhaseServerHealthOptions = {},
  ) {
    this.serverHealth = new PhaseServerHealth(options);
  }

  for(phase: { coursePhaseId: string; phase: string }): PhaseApi {
    const known = this.byCoursePhase.get(phase.coursePhaseId);
    if (known) return known;
    const tokens = new PhaseTokenManager({
      fetchToken: () => this.core.phaseToken(phase.coursePhaseId),
    });
    const api: PhaseApi = {
      getToken: () => tokens.getToken(),
      apiFetch: createApiFetch({
        baseUrl: phaseApiBase(phase.phase, this.core.baseUrl),
        tokens,
        onServerStatus: (status) => this.serverHealth.report(phase.coursePhaseId, status),
      }),
      storage: StorageClient.forCoursePhase(this.core, phase.coursePhaseId),
    };
    this.byCoursePhase.set(phase.coursePhaseId, api);
    return api;
  }

  /** Ask a course phase's server whether it is back; the answer updates `serverHealth`. */
  async probe(coursePhaseId: string): Promise<void> {
    const api = this.byCoursePhase.get(coursePhaseId);
    if (!api) return;
    try {
      const response = await api.apiFetch(PHASE_SERVER_PROBE_PATH);
      await response.body?.cancel();
    } catch {
      // No answer at all (the network or the core is away): the outage stands.
    }
  }

  /** Forget every token, storage client and outage (sign-out). */
  clear(): void {
    this.byCoursePhase.clear();
    this.serverHealth.clear();
  }
}
