/** Users, course roles and the signed-in user's view of themselves (`GET /api/me`). */
import { z } from 'zod';
import { storableText, storableTextCheck } from './storable.js';

export const Id = z.uuid();

/** An email address as users type it (PostgreSQL-storable, like every text field). */
export const Email = z.email().check(storableTextCheck);

export const CourseRole = z.enum(['lecturer', 'editor', 'student']);
export type CourseRole = z.infer<typeof CourseRole>;

export const User = z.object({
  id: Id,
  email: Email,
  name: storableText(),
  isAdmin: z.boolean(),
  /** Holds the platform's `developer` role (see `PLATFORM_PERMISSIONS`). */
  isDeveloper: z.boolean(),
});
export type User = z.infer<typeof User>;

export const Membership = z.object({
  courseId: Id,
  role: CourseRole,
});
export type Membership = z.infer<typeof Membership>;

export const Me = z.object({
  user: User,
  memberships: z.array(Membership),
});
export type Me = z.infer<typeof Me>;

export const DevLoginRequest = z.object({
  email: Email,
});
export type DevLoginRequest = z.infer<typeof DevLoginRequest>;

/**
 * How users sign in here (`GET /api/auth/config`), so the host offers the right sign-in: `dev` is
 * the seeded-user form, `oidc` a link to `loginUrl` (a path on the registry; append `returnTo`).
 */
export const AuthConfig = z.object({
  mode: z.enum(['dev', 'oidc']),
  loginUrl: storableText().nullable(),
});
export type AuthConfig = z.infer<typeof AuthConfig>;
