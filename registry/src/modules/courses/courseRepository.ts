/** SQL for courses and their members. */
import type { Course, CourseMember, CourseRole } from '@coursekit/phase-sdk/contract';
import type { Queryable } from '../../db/Db.js';

interface CourseRow {
  id: string;
  slug: string;
  title: string;
  term: string | null;
  role: CourseRole | null;
}

const toCourse = (row: CourseRow): Course => ({
  id: row.id,
  slug: row.slug,
  title: row.title,
  term: row.term,
  role: row.role,
});

export class CourseRepository {
  constructor(private readonly db: Queryable) {}

  /** Courses `userId` is a member of; with `all`, every course (admins). */
  async list(userId: string, all: boolean): Promise<Course[]> {
    const rows = await this.db.query<CourseRow>(
      `SELECT c.id, c.slug, c.title, c.term, m.role
       FROM courses c LEFT JOIN course_members m ON m.course_id = c.id AND m.user_id = $1
       WHERE $2 OR m.user_id IS NOT NULL
       ORDER BY c.title, c.id`,
      [userId, all],
    );
    return rows.map(toCourse);
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
       RETURNING id, slug, title, term, NULL::text AS role`,
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

  /** Remove a member; returns their former role, or `null` if they were none. */
  async removeMember(courseId: string, userId: string): Promise<CourseRole | null> {
    const [row] = await this.db.query<{ role: CourseRole }>(
      'DELETE FROM course_members WHERE course_id = $1 AND user_id = $2 RETURNING role',
      [courseId, userId],
    );
    return row?.role ?? null;
  }

  async members(courseId: string): Promise<CourseMember[]> {
    const rows = await this.db.query<{
      user_id: string;
      email: string;
      name: string;
      role: CourseRole;
    }>(
      `SELECT m.user_id, u.email, u.name, m.role FROM course_members m JOIN users u ON u.id = m.user_id
       WHERE m.course_id = $1 ORDER BY m.role, u.name`,
      [courseId],
    );
    return rows.map((row) => ({
      userId: row.user_id,
      email: row.email,
      name: row.name,
      role: row.role,
    }));
  }
}
