/** SQL for users, sessions and memberships. */
import type { CourseRole, Me, User } from '@coursekit/phase-sdk/contract';
import type { Queryable } from '@coursekit/phase-sdk/server';

interface UserRow {
  id: string;
  email: string;
  name: string;
  is_admin: boolean;
  is_developer: boolean;
}

const toUser = (row: UserRow): User => ({
  id: row.id,
  email: row.email,
  name: row.name,
  isAdmin: row.is_admin,
  isDeveloper: row.is_developer,
});

export class UserRepository {
  constructor(private readonly db: Queryable) {}

  async findByEmail(email: string): Promise<User | null> {
    const [row] = await this.db.query<UserRow>(
      'SELECT id, email, name, is_admin, is_developer FROM users WHERE lower(email) = lower($1)',
      [email],
    );
    return row ? toUser(row) : null;
  }

  /** Create or update a user; the platform roles are the identity provider's (or the seed's). */
  async upsert(user: Omit<User, 'id'>): Promise<User> {
    const [row] = await this.db.query<UserRow>(
      `INSERT INTO users (email, name, is_admin, is_developer) VALUES (lower($1), $2, $3, $4)
       ON CONFLICT (email) DO UPDATE
         SET name = EXCLUDED.name, is_admin = EXCLUDED.is_admin, is_developer = EXCLUDED.is_developer
       RETURNING id, email, name, is_admin, is_developer`,
      [user.email, user.name, user.isAdmin, user.isDeveloper],
    );
    if (!row) throw new Error('Bug: upsert of a user returned no row.');
    return toUser(row);
  }

  async memberships(userId: string): Promise<Me['memberships']> {
    const rows = await this.db.query<{ course_id: string; role: CourseRole }>(
      'SELECT course_id, role FROM course_members WHERE user_id = $1 ORDER BY course_id',
      [userId],
    );
    return rows.map((row) => ({ courseId: row.course_id, role: row.role }));
  }

  async roleIn(courseId: string, userId: string): Promise<CourseRole | null> {
    const [row] = await this.db.query<{ role: CourseRole }>(
      'SELECT role FROM course_members WHERE course_id = $1 AND user_id = $2',
      [courseId, userId],
    );
    return row?.role ?? null;
  }
}
