/**
 * The lookups the authorization layer makes on course-scoped requests: whether a course (or course
 * phase) exists and the user's role in its course, each in one query.
 */
import type { CourseRole } from '@coursekit/phase-sdk/contract';
import type { Queryable } from '@coursekit/phase-sdk/server';

export interface CoursePhaseMembership {
  courseId: string;
  phase: string;
  enabled: boolean;
  /** The user's role in the course; `null` when they are no member. */
  role: CourseRole | null;
}

export class MembershipRepository {
  constructor(private readonly db: Queryable) {}

  /** The user's role in the course (`null`: no member); `undefined` when the course does not exist. */
  async inCourse(
    courseId: string,
    userId: string,
  ): Promise<{ role: CourseRole | null } | undefined> {
    const [row] = await this.db.query<{ role: CourseRole | null }>(
      `SELECT m.role FROM courses c
       LEFT JOIN course_members m ON m.course_id = c.id AND m.user_id = $2
       WHERE c.id = $1`,
      [courseId, userId],
    );
    return row ? { role: row.role } : undefined;
  }

  /** The course phase and the user's role in its course; `undefined` when it does not exist. */
  async inCoursePhase(
    coursePhaseId: string,
    userId: string,
  ): Promise<CoursePhaseMembership | undefined> {
    const [row] = await this.db.query<{
      course_id: string;
      phase_type: string;
      enabled: boolean;
      role: CourseRole | null;
    }>(
      `SELECT cp.course_id, cp.phase_type, cp.enabled, m.role FROM course_phases cp
       LEFT JOIN course_members m ON m.course_id = cp.course_id AND m.user_id = $2
       WHERE cp.id = $1`,
      [coursePhaseId, userId],
    );
    return row
      ? { courseId: row.course_id, phase: row.phase_type, enabled: row.enabled, role: row.role }
      : undefined;
  }
}
