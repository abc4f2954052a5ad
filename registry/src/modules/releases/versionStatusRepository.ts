/** SQL for version status changes: the status itself, the course phases pinned to a version, notices. */
import type { Notice, PhaseVersionStatus } from '@coursekit/phase-sdk/contract';
import type { Queryable } from '@coursekit/phase-sdk/server';

export interface PinnedCoursePhase {
  id: string;
  courseId: string;
  title: string;
  courseTitle: string;
}

interface NoticeRow {
  id: string;
  course_id: string | null;
  kind: Notice['kind'];
  title: string;
  body: string;
  created_at: Date | string;
  read_at: Date | string | null;
}

const toNotice = (row: NoticeRow): Notice => ({
  id: row.id,
  courseId: row.course_id,
  kind: row.kind,
  title: row.title,
  body: row.body,
  createdAt: new Date(row.created_at).toISOString(),
  readAt: row.read_at === null ? null : new Date(row.read_at).toISOString(),
});

export class VersionStatusRepository {
  constructor(private readonly db: Queryable) {}

  /** Lock the version row for the change; its current status, or `null` when it does not exist. */
  async lockStatus(phase: string, version: string): Promise<PhaseVersionStatus | null> {
    const [row] = await this.db.query<{ status: PhaseVersionStatus }>(
      'SELECT status FROM phase_versions WHERE phase_type = $1 AND version = $2 FOR UPDATE',
      [phase, version],
    );
    return row?.status ?? null;
  }

  async setStatus(phase: string, version: string, status: PhaseVersionStatus): Promise<void> {
    await this.db.query(
      'UPDATE phase_versions SET status = $3 WHERE phase_type = $1 AND version = $2',
      [phase, version, status],
    );
  }

  /** Course phases whose pin is `pin` (a version, or `latest`), with their course's title. */
  async coursePhasesPinnedTo(phase: string, pin: string): Promise<PinnedCoursePhase[]> {
    return this.db.query<PinnedCoursePhase>(
      `SELECT cp.id, cp.course_id AS "courseId", cp.title, c.title AS "courseTitle"
       FROM course_phases cp JOIN courses c ON c.id = cp.course_id
       WHERE cp.phase_type = $1 AND cp.pin = $2 ORDER BY c.title, cp.position`,
      [phase, pin],
    );
  }

  async repin(coursePhaseId: string, pin: string): Promise<void> {
    await this.db.query('UPDATE course_phases SET pin = $2, updated_at = now() WHERE id = $1', [
      coursePhaseId,
      pin,
    ]);
  }

  async lecturersOf(courseId: string): Promise<string[]> {
    const rows = await this.db.query<{ user_id: string }>(
      `SELECT user_id FROM course_members WHERE course_id = $1 AND role = 'lecturer'`,
      [courseId],
    );
    return rows.map((row) => row.user_id);
  }

  async addNotice(
    userId: string,
    notice: Pick<Notice, 'courseId' | 'kind' | 'title' | 'body'>,
  ): Promise<void> {
    await this.db.query(
      'INSERT INTO notices (user_id, course_id, kind, title, body) VALUES ($1, $2, $3, $4, $5)',
      [userId, notice.courseId, notice.kind, notice.title, notice.body],
    );
  }

  async noticesOf(userId: string): Promise<Notice[]> {
    const rows = await this.db.query<NoticeRow>(
      `SELECT id, course_id, kind, title, body, created_at, read_at FROM notices
       WHERE user_id = $1 ORDER BY created_at DESC, id LIMIT 100`,
      [userId],
    );
    return rows.map(toNotice);
  }

  /** Mark a notice read; `false` when the user has no such notice. */
  async markRead(userId: string, noticeId: string): Promise<boolean> {
    const rows = await this.db.query(
      `UPDATE notices SET read_at = coalesce(read_at, now()) WHERE id = $1 AND user_id = $2
       RETURNING id`,
      [noticeId, userId],
    );
    return rows.length === 1;
  }
}
