/** Courses and their members. */
import { z } from 'zod';
import { storableText } from './storable.js';
import { CourseRole, Email, Id } from './user.js';

export const Course = z.object({
  id: Id,
  slug: storableText(),
  title: storableText(),
  term: storableText().nullable(),
  /** The signed-in user's role in this course; `null` for an admin who is not a member. */
  role: CourseRole.nullable(),
});
export type Course = z.infer<typeof Course>;

export const CourseSlug = storableText().regex(
  /^[a-z0-9][a-z0-9-]{1,62}$/,
  'lowercase letters, digits and dashes, 2 to 63 characters',
);

export const CreateCourse = z.object({
  slug: CourseSlug,
  title: storableText().trim().min(1).max(200),
  term: storableText().trim().min(1).max(50).nullable().default(null),
});
export type CreateCourse = z.input<typeof CreateCourse>;

export const AddMember = z.object({
  email: Email,
  role: CourseRole,
});
export type AddMember = z.infer<typeof AddMember>;

export const CourseMember = z.object({
  userId: Id,
  email: Email,
  name: storableText(),
  role: CourseRole,
});
export type CourseMember = z.infer<typeof CourseMember>;

export const CourseParams = z.object({ courseId: Id });
