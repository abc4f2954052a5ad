/**
 * Who may open which part of the admin console, from `/api/me` alone: admins everything;
 * lecturers the management pages of their own courses; nobody else anything. The registry
 * enforces the same rules on every route; these only decide what the console offers.
 */
import type { Me } from '@coursekit/phase-sdk/contract';

/** Courses `me` lectures (where they may manage members and composition). */
export function lecturedCourseIds(me: Me): string[] {
  return me.memberships.filter((m) => m.role === 'lecturer').map((m) => m.courseId);
}

export function canManageCourse(me: Me, courseId: string): boolean {
  return me.user.isAdmin || lecturedCourseIds(me).includes(courseId);
}

/** Whether the console has anything for `me` (the header shows its link only then). */
export function canOpenAdmin(me: Me): boolean {
  return me.user.isAdmin || lecturedCourseIds(me).length > 0;
}
