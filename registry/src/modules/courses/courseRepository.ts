/** SQL for courses and their members. */
import type {
  Course,
  CourseMember,
  CourseRole,
  MembersPage,
  UpdateCourse,
} from '@coursekit/phase-sdk/contract';
import type { Queryable } from '@coursekit/phase-sdk/server';
import { likePattern } from '../audit/auditRepository.js';

interface CourseRow {
  id: string;
  slug: string;
  title: string;
  term: string | null;
  role: CourseRole | null;
  archived: boolean;
}

const toCourse = (row: CourseRow): Course => ({
  id: row.id,
  slug: row.slug,
  title: row.title,
  term: row.term,
  role: row.role,
  archived: row.archived,
});

const COURSE_COLUMNS = 'c.id, c.slug, c.title, c.term, c.archived_at IS NOT NULL AS archived';

interface MemberRow {
  user_id: string;
  email: string;
  name: string;
  role: CourseRole;
}

const toMember = (row: MemberRow): CourseMember => ({
  userId: row.user_id,
  email: row.email,
  name: row.name,
  role: row.role,
});

export class CourseRepository {
  constructor(private readonly db: Queryable) {}

  /** Courses `userId` is a member of (archived ones hidden); with `all`, every course (admins). */
  async list(userId: string, all: boolean): Promise<Course[]> {
    const rows = await this.db.query<CourseRow>(
      `SELECT ${COURSE_COLUMNS}, m.role
       FROM courses c LEFT JOIN course_members m ON m.course_id = c.id AND m.user_id = $1
       WHERE $2 OR (m.user_id IS NOT NULL AND c.archived_at IS NULL)
       ORDER BY c.archived_at IS NOT NULL, c.title, c.id`,
      [userId, all],
    );
    return rows.map(toCourse);
  }

  /** A course as its settings stand (no one's role), or `null`. */
  async settings(courseId: string): Promise<Course | null> {
    const [row] = await this.db.query<CourseRow>(
      `SELECT ${COURSE_COLUMNS}, NULL::text AS role FROM courses c WHERE c.id = $1`,
      [courseId],
    );
    return row ? toCourse(row) : null;
  }

  /** Apply a settings change; `null` when the course does not exist. */
  async update(courseId: string, patch: UpdateCourse): Promise<Course | null> {
    const [row] = await this.db.query<CourseRow>(
      `UPDATE courses c SET
         title = coalesce($2, c.title),
         term = CASE WHEN $3::boolean THEN $4 ELSE c.term END,
         archived_at = CASE WHEN $5::boolean IS NULL THEN c.archived_at
                            WHEN $5::boolean THEN coalesce(c.archived_at, now()) ELSE NULL END
       WHERE c.id = $1
       RETURNING ${COURSE_COLUMNS}, NULL::text AS role`,
      [
        courseId,
        patch.title ?? null,
        patch.term !== undefined,
        patch.term ?? null,
        patch.archived ?? null,
      ],
    );
    return row ? toCourse(row) : null;
  }

  /** A course without anyone's role (for answers shared by all members). */
  async findById(courseId: string): Promise<Omit<Course, 'role'> | null> {
    const [row] = await this.db.query<Omit<CourseRow, 'role'>>(
      'SELECT id, slug, title, term FROM courses WHERE id = $1',
      [courseId],
    );
    return row ?? null;
  }

  async findBySlug(slug: string): Promise<{ id: string } | null> {
    const [row] = await this.db.query<{ id: string }>('SELECT id FROM courses WHERE slug = $1', [
      slug,
    ]);
    return row ?? null;
  }

  /** Insert a course; `null` when the slug is taken. */
  async insert(course: {
    slug: string;
    title: string;
    term: string | null;
  }): Promise<Course | null> {
    const [row] = await this.db.query<CourseRow>(
      `INSERT INTO courses (slug, title, term) VALUES ($1, $2, $3)
       ON CONFLICT (slug) DO NOTHING
       RETURNING id, slug, title, term, NULL::text AS role, false AS archived`,
      [course.slug, course.title, course.term],
    );
    return row ? toCourse(row) : null;
  }

  async upsertMember(courseId: string, userId: string, role: CourseRole): Promise<void> {
    await this.db.query(
      `INSERT INTO course_members (course_id, user_id, role) VALUES ($1, $2, $3)
       ON CONFLICT (course_id, user_id) DO UPDATE SET role = EXCLUDED.role`,
      [courseId, userId, role],
    );
  }

  /** Change a member's role; returns their former role, or `null` if they are no member. */
  async setRole(courseId: string, userId: string, role: CourseRole): Promise<CourseRole | null> {
    const [row] = await this.db.query<{ before: CourseRole }>(
      `UPDATE course_members m SET role = $3
       FROM course_members old
       WHERE m.course_id = $1 AND m.user_id = $2
         AND old.course_id = m.course_id AND old.user_id = m.user_id
       RETURNING old.role AS before`,
      [courseId, userId, role],
    );
    return row?.before ?? null;
  }

  async member(courseId: string, userId: string): Promise<CourseMember | null> {
    const [row] = await this.db.query<MemberRow>(
      `SELECT m.user_id, u.email, u.name, m.role FROM course_members m JOIN users u ON u.id = m.user_id
       WHERE m.course_id = $1 AND m.user_id = $2`,
      [courseId, userId],
    );
    return row ? toMember(row) : null;
  }

  /** One page of members, staff first, then by name; `q` searches names and emails. */
  async membersPage(
    courseId: string,
    query: { q?: string; role?: CourseRole; limit: number; offset: number },
  ): Promise<MembersPage> {
    const where = `m.course_id = $1
       AND ($2::text IS NULL OR u.email ILIKE $2 OR u.name ILIKE $2)
       AND ($3::text IS NULL OR m.role = $3)`;
    const params = [courseId, query.q ? likePattern(query.q) : null, query.role ?? null];
    const [count] = await this.db.query<{ total: string | number }>(
      `SELECT count(*) AS total FROM course_members m JOIN users u ON u.id = m.user_id WHERE ${where}`,
      params,
    );
    const rows = await this.db.query<MemberRow>(
      `SELECT m.user_id, u.email, u.name, m.role FROM course_members m JOIN users u ON u.id = m.user_id
       WHERE ${where}
       ORDER BY CASE m.role WHEN 'lecturer' THEN 0 WHEN 'editor' THEN 1 ELSE 2 END, lower(u.name), u.email
       LIMIT $4 OFFSET $5`,
      [...params, query.limit, query.offset],
    );
    return {
      items: rows.map(toMember),
      total: Number(count?.total ?? 0),
      limit: query.limit,
      offset: query.offset,
    };
  }

  /** Remove a member; returns their former role, or `null` if they were none. */
  async removeMember(courseId: string, userId: string): Promise<CourseRole | null> {
    const [row] = await this.db.query<{ role: CourseRole }>(
      'DELETE FROM course_members WHERE course_id = $1 AND user_id = $2 RETURNING role',
      [courseId, userId],
    );
    return row?.role ?? null;
  }
}
