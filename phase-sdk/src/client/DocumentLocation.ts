/**
 * Where a document lives in core storage, within one course phase: a course-phase document
 * (`shared` or `restricted`) or one participant's document (`own` or `restricted`). Backends,
 * errors and cache keys all speak in locations, so that a message can always name the document.
 */
import type { CourseDataScope, ParticipantDataScope } from '../contract/index.js';
import type { DocumentHandle } from './defineDocuments.js';

export type DocumentLocation =
  | { readonly level: 'course'; readonly scope: CourseDataScope }
  | {
      readonly level: 'participant';
      readonly scope: ParticipantDataScope;
      readonly userId: string;
    };

/**
 * The document in words, for messages.
 *
 * @example
 * describeLocation({ level: 'course', scope: 'shared' }) // 'the shared course-phase document'
 */
export function describeLocation(location: DocumentLocation): string {
  return location.level === 'course'
    ? `the ${location.scope} course-phase document`
    : `the ${location.scope} document of participant ${location.userId}`;
}

/** A stable string per location (for maps and queues). */
export function locationKey(location: DocumentLocation): string {
  return location.level === 'course'
    ? `course/${location.scope}`
    : `participant/${location.scope}/${location.userId}`;
}

/**
 * The location of a handle's document: course-phase handles need no user, participant handles do.
 *
 * @example
 * documentLocation(documents.participant.own, user.id) // { level: 'participant', scope: 'own', userId }
 */
export function documentLocation(handle: DocumentHandle, userId?: string): DocumentLocation {
  if (handle?.level === 'course') return { level: 'course', scope: handle.scope };
  if (handle?.level !== 'participant') {
    throw new TypeError(
      `Expected a document handle from defineDocuments (documents.course.<scope> or documents.participant.<scope>), got ${String(handle)}.`,
    );
  }
  if (!userId) {
    throw new TypeError(
      `documents.participant.${handle.scope} names one document per participant: pass the participant's user id too (useMyData() uses the signed-in user's).`,
    );
  }
  return { level: 'participant', scope: handle.scope, userId };
}
