/**
 * The typed client of this phase's server: one method per route of `shared/contract.ts`. Components
 * call these instead of `apiFetch`, so a wrong path, body or answer shape fails at compile time or
 * as a `PhaseApiError` carrying the server's problem+json.
 */
import type { ApiFetch } from '@coursekit/phase-sdk/client';
import { callRoute } from '@coursekit/phase-sdk/client';
import { type CreateNote, routes } from '../shared/contract';

/**
 * @example
 * const client = createPhaseClient(useApiFetch());
 * const { notes } = await client.listNotes();
 */
export function createPhaseClient(apiFetch: ApiFetch) {
  return {
    listNotes: () => callRoute(apiFetch, routes.listNotes, {}),
    createNote: (body: CreateNote) => callRoute(apiFetch, routes.createNote, { body }),
    deleteNote: (noteId: string) => callRoute(apiFetch, routes.deleteNote, { params: { noteId } }),
  };
}

export type PhaseClient = ReturnType<typeof createPhaseClient>;
