/**
 * Per course phase, the token manager, `apiFetch` and storage client the host hands to the phase.
 * Kept for the whole session so that navigating back to a phase reuses its fresh token and what
 * its storage client knows; cleared on sign-out so that no token (and no document) outlives the
 * user it was issued to. Tokens live in memory only.
 */
import {
  type ApiFetch,
  type CoreClient,
  createApiFetch,
  PhaseTokenManager,
  phaseApiBase,
  StorageClient,
} from '@coursekit/phase-sdk/client';

export interface PhaseApi {
  getToken: () => Promise<string>;
  apiFetch: ApiFetch;
  /** Core storage of this course phase, through the registry with the session cookie. */
  storage: StorageClient;
}

export class PhaseApis {
  private readonly byCoursePhase = new Map<string, PhaseApi>();

  constructor(private readonly core: CoreClient) {}

  for(phase: { coursePhaseId: string; phase: string }): PhaseApi {
    const known = this.byCoursePhase.get(phase.coursePhaseId);
    if (known) return known;
    const tokens = new PhaseTokenManager({
      fetchToken: () => this.core.phaseToken(phase.coursePhaseId),
    });
    const api: PhaseApi = {
      getToken: () => tokens.getToken(),
      apiFetch: createApiFetch({ baseUrl: phaseApiBase(phase.phase, this.core.baseUrl), tokens }),
      storage: StorageClient.forCoursePhase(this.core, phase.coursePhaseId),
    };
    this.byCoursePhase.set(phase.coursePhaseId, api);
    return api;
  }

  /** Forget every token and storage client (sign-out). */
  clear(): void {
    this.byCoursePhase.clear();
  }
}
