/**
 * Query keys of core storage in the host's (shared) QueryClient: every key of a course phase starts
 * with `['coursekit', 'storage', coursePhaseId]`, so that two components showing one document share
 * one cache entry, and a course phase's data can be invalidated at once.
 */
import type { DocumentLocation } from '../client/DocumentLocation.js';
import type { ParticipantDataScope } from '../contract/index.js';

export const storageQueryKeys = {
  /** Everything stored for one course phase. */
  all: (coursePhaseId: string) => ['coursekit', 'storage', coursePhaseId] as const,

  /** One document. */
  document: (coursePhaseId: string, location: DocumentLocation) =>
    location.level === 'course'
      ? ([...storageQueryKeys.all(coursePhaseId), 'course', location.scope] as const)
      : ([
          ...storageQueryKeys.all(coursePhaseId),
          'participant',
          location.scope,
          location.userId,
        ] as const),

  /** Every listing of participants' documents in `scope` (all page sizes). */
  participants: (coursePhaseId: string, scope: ParticipantDataScope) =>
    [...storageQueryKeys.all(coursePhaseId), 'participants', scope] as const,
};
