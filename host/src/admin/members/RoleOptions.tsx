/** The course roles as `<option>`s, in the order the console offers them. */
import type { CourseRole } from '@coursekit/phase-sdk/contract';

export const ROLES: readonly CourseRole[] = ['student', 'editor', 'lecturer'];

export function RoleOptions() {
  return ROLES.map((role) => (
    <option key={role} value={role}>
      {role}
    </option>
  ));
}
