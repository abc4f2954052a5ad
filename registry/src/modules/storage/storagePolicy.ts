/**
 * Who may read and write which storage scope, declared on the storage routes and enforced by the
 * authorization layer. It reads the role table of the contract (`roleCan`), the same one phases'
 * `useCoreAuth().can()` reads:
 * - course `shared`: members read, staff (lecturer, editor) write;
 * - course `restricted`: staff only;
 * - participant `own`: the participant themselves, and staff;
 * - participant `restricted`: staff only (the participant cannot see it).
 */
import { type Permission, roleCan } from '@coursekit/phase-sdk/contract';
import type { AccessCheck } from '../../plugins/authPlugin.js';

const isWrite = (method: string) => method !== 'GET' && method !== 'HEAD';

const need =
  (permission: Permission, what: string): AccessCheck =>
  ({ access }) =>
    roleCan(access.role, permission)
      ? null
      : `Your role in this course (${access.role ?? 'none'}) may not ${what}.`;

export const courseDataAccess: AccessCheck = (context) => {
  const { scope } = context.params;
  if (isWrite(context.method))
    return need('editCourseData', `write the ${scope} course-phase document`)(context);
  if (scope === 'restricted')
    return need('readRestricted', 'read the restricted course-phase document')(context);
  return null;
};

export const participantDataAccess: AccessCheck = (context) => {
  const { scope, userId } = context.params;
  const self = userId?.toLowerCase() === context.user.id;
  if (scope === 'own' && self) return null;
  return isWrite(context.method)
    ? need(
        'editCourseData',
        `write ${self ? 'your own restricted' : "another participant's"} ${scope} document`,
      )(context)
    : need(
        'readRestricted',
        `read ${self ? 'your own restricted' : "another participant's"} ${scope} document`,
      )(context);
};

export const participantListingAccess: AccessCheck = need(
  'readRestricted',
  "list participants' documents",
);
