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
  /** Archived courses are hidden from members' course lists; admins still see and restore them. */
  archived: z.boolean(),
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

/** `PATCH /api/courses/:courseId` (admins): rename, change term, archive or restore. */
export const UpdateCourse = z
  .object({
    title: storableText().trim().min(1).max(200),
    term: storableText().trim().min(1).max(50).nullable(),
    archived: z.boolean(),
  })
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, 'name at least one field to change');
export type UpdateCourse = z.infer<typeof UpdateCourse>;

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
export const MemberParams = z.object({ courseId: Id, userId: Id });

/** `PATCH /api/courses/:courseId/members/:userId`: change a member's role. */
export const UpdateMember = z.object({ role: CourseRole });
export type UpdateMember = z.infer<typeof UpdateMember>;

/** One page of a course's members, searchable by name or email (courses have thousands). */
export const MembersQuery = z.object({
  /** Part of a name or email, case-insensitive. */
  q: storableText().trim().max(100).optional(),
  role: CourseRole.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
/** What a client sends (every field optional; the registry applies the defaults). */
export type MembersQuery = Partial<z.output<typeof MembersQuery>>;

export const MembersPage = z.object({
  items: z.array(CourseMember),
  /** Members matching the query, across all pages. */
  total: z.number().int().min(0),
  limit: z.number().int(),
  offset: z.number().int(),
});
export type MembersPage = z.infer<typeof MembersPage>;
