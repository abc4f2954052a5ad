/**
 * What each course role may do, in one table that the registry enforces and the SDK's
 * `useCoreAuth().can(...)` reads, so a phase's UI and the core never disagree.
 */
import type { CourseRole } from './user.js';

export const PERMISSIONS = {
  /** Take part: keep one's own participation documents. */
  participate: ['student', 'editor', 'lecturer'],
  /** Read documents of the `restricted` scopes and every participant's documents. */
  readRestricted: ['editor', 'lecturer'],
  /** Write course-phase documents (`shared` and `restricted`). */
  editCourseData: ['editor', 'lecturer'],
  /** Change the course's composition and members. */
  manageCourse: ['lecturer'],
} as const satisfies Record<string, readonly CourseRole[]>;

export type Permission = keyof typeof PERMISSIONS;

/** Whether `role` (admins pass everything) may do `permission`. */
export function roleCan(role: CourseRole | null, permission: Permission, isAdmin = false): boolean {
  if (isAdmin) return true;
  return role !== null && (PERMISSIONS[permission] as readonly CourseRole[]).includes(role);
}
