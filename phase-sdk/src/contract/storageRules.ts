/**
 * The rules of core storage, once: who may read and write which scope, and which documents can be
 * stored. The registry enforces them on its storage routes, and the SDK's in-memory storage (what
 * `TestPhaseProvider` and `renderPhase` use) enforces the very same functions, so a unit test
 * refuses what the registry refuses. A contract suite runs the same cases against both.
 *
 * - course `shared`: members read, staff (lecturer, editor) write;
 * - course `restricted`: staff only;
 * - participant `own`: the participant themselves, and staff;
 * - participant `restricted`: staff only (the participant cannot see it);
 * - the listing of every participant's documents: staff only;
 * - nobody who is not a member of the course (an admin included) does anything.
 */
import { type Permission, roleCan } from './permissions.js';
import { storableJson } from './storable.js';
import { type CourseDataScope, MAX_DOCUMENT_BYTES, type ParticipantDataScope } from './storage.js';
import type { CourseRole } from './user.js';

/** What a caller asks of core storage, as the rules see it. */
export type StorageOperation =
  | { action: 'read' | 'write'; level: 'course'; scope: CourseDataScope }
  | {
      action: 'read' | 'write';
      level: 'participant';
      scope: ParticipantDataScope;
      /** Whether the document is the caller's own. */
      self: boolean;
    }
  | { action: 'list'; level: 'participants' };

function need(role: CourseRole, permission: Permission, what: string): string | null {
  return roleCan(role, permission) ? null : `Your role in this course (${role}) may not ${what}.`;
}

/**
 * Why a member with `role` may not do `operation`, in words for a 403; `null` when they may.
 *
 * @example
 * storageRefusal('student', { action: 'list', level: 'participants' })
 * // "Your role in this course (student) may not list participants' documents."
 */
export function storageRefusal(
  role: CourseRole | null,
  operation: StorageOperation,
): string | null {
  if (role === null) {
    return 'Only members of this course may do this; add yourself to the course first.';
  }
  if (operation.level === 'participants') {
    return need(role, 'readRestricted', "list participants' documents");
  }
  if (operation.level === 'course') {
    const { scope } = operation;
    if (operation.action === 'write') {
      return need(role, 'editCourseData', `write the ${scope} course-phase document`);
    }
    return scope === 'restricted'
      ? need(role, 'readRestricted', 'read the restricted course-phase document')
      : null;
  }
  const { scope, self } = operation;
  if (scope === 'own' && self) return null;
  const whose = self ? 'your own restricted' : "another participant's";
  return operation.action === 'write'
    ? need(role, 'editCourseData', `write ${whose} ${scope} document`)
    : need(role, 'readRestricted', `read ${whose} ${scope} document`);
}

/** A document core storage keeps: storable JSON (no NUL, no lone surrogate, bounded depth), not `null`. */
export const StorableDocument = storableJson().refine(
  (value) => value !== null,
  'the document may not be null; store an empty object instead',
);

/** A document's compact JSON and its size in bytes, as the size limit counts it. */
export function measureDocument(doc: unknown): { json: string; bytes: number; tooLarge: boolean } {
  const json = JSON.stringify(doc) ?? 'null';
  const bytes = new TextEncoder().encode(json).byteLength;
  return { json, bytes, tooLarge: bytes > MAX_DOCUMENT_BYTES };
}
