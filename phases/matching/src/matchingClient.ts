/**
 * The typed client of the matching server: one method per route of `shared/contract.ts`.
 * Components call these instead of `apiFetch`, so a wrong path, body or answer shape fails at
 * compile time or as a `PhaseApiError` carrying the server's problem+json.
 */
import type { ApiFetch } from '@coursekit/phase-sdk/client';
import { callRoute } from '@coursekit/phase-sdk/client';
import { type CreateTopic, routes, type SaveRanking, type UpdateTopic } from '../shared/contract';

/**
 * @example
 * const client = createMatchingClient(useApiFetch());
 * const { topics } = await client.listTopics();
 */
export function createMatchingClient(apiFetch: ApiFetch) {
  return {
    listTopics: () => callRoute(apiFetch, routes.listTopics, {}),
    createTopic: (body: CreateTopic) => callRoute(apiFetch, routes.createTopic, { body }),
    updateTopic: (topicId: string, body: UpdateTopic) =>
      callRoute(apiFetch, routes.updateTopic, { params: { topicId }, body }),
    deleteTopic: (topicId: string) =>
      callRoute(apiFetch, routes.deleteTopic, { params: { topicId } }),
    getMyRanking: () => callRoute(apiFetch, routes.getMyRanking, {}),
    saveMyRanking: (body: SaveRanking) => callRoute(apiFetch, routes.saveMyRanking, { body }),
    listRankings: () => callRoute(apiFetch, routes.listRankings, {}),
    runMatching: () => callRoute(apiFetch, routes.runMatching, {}),
    getAssignments: () => callRoute(apiFetch, routes.getAssignments, {}),
  };
}

export type MatchingClient = ReturnType<typeof createMatchingClient>;
