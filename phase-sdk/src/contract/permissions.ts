/**
 * What each course role may do, in one table that the registry enforces and the SDK's
 * `useCoreAuth().can(...)` reads, so a phase's UI and the core never disagree; and, beside it, what
 * each platform role may do outside any course (`PLATFORM_PERMISSIONS`), read by the registry's
 * access rules and the host alike.
 *
 * Inside a course phase only the course role counts: a platform admin who is not a member of the
 * course has no role there (`null`), so phases show them what they show a non-member, storage and
 * phase tokens refuse them, and no phase can decide otherwise. Admin rights are about the platform
 * (courses, members, composition, catalogue); an admin who needs to act inside a course adds
 * themselves as a member, which the audit log records. See docs/decisions/0004.
 */
import type { CourseRole, User } from './user.js';

/** Roles that run a course: they edit course data and see every participant's documents. */
export const STAFF_ROLES = ['lecturer', 'editor'] as const satisfies readonly CourseRole[];

export const PERMISSIONS = {
  /** Take part: keep one's own participation documents. */
  participate: ['student', 'editor', 'lecturer'],
  /** Read documents of the `restricted` scopes and every participant's documents. */
  readRestricted: STAFF_ROLES,
  /** Write course-phase documents (`shared` and `restricted`). */
  editCourseData: STAFF_ROLES,
  /** Change the course's composition and members. */
  manageCourse: ['lecturer'],
} as const satisfies Record<string, readonly CourseRole[]>;

export type Permission = keyof typeof PERMISSIONS;

/**
 * Whether a member with `role` may do `permission` inside a course phase. `null` (not a member,
 * whatever their admin flag) may do nothing.
 *
 * @example
 * roleCan('editor', 'editCourseData'); // true
 * roleCan(null, 'participate'); // false: an admin who is no member included
 */
export function roleCan(role: CourseRole | null, permission: Permission): boolean {
  return role !== null && (PERMISSIONS[permission] as readonly CourseRole[]).includes(role);
}

/** Whether `role` is a staff role of the course (lecturer or editor). */
export function isStaff(role: CourseRole | null | undefined): boolean {
  return role != null && (STAFF_ROLES as readonly CourseRole[]).includes(role);
}

/**
 * Who asks to publish a phase: the user's admin flag, the phases an admin made them publisher
 * of, and the phase of the API token they came with (`undefined` with a session; `null` for a
 * token of every phase).
 */
export interface PublishPrincipal {
  isAdmin: boolean;
  publisherOf: readonly string[];
  tokenPhase?: string | null;
}

/**
 * Why `who` may not publish `phase`, or hold a token for it, or `null` when they may; `phase`
 * `null` asks about every phase at once. Admins publish every phase, phase publishers the phases
 * they were made publisher of, and an API token only its own phase, and only while its user still
 * may (revoking the publisher role disables their tokens at once).
 *
 * @example
 * publishRefusal({ isAdmin: false, publisherOf: ['quiz'], tokenPhase: 'quiz' }, 'quiz'); // null
 * publishRefusal({ isAdmin: true, publisherOf: [], tokenPhase: 'quiz' }, 'survey'); // 'This API token …'
 */
export function publishRefusal(who: PublishPrincipal, phase: string | null): string | null {
  if (who.tokenPhase != null && who.tokenPhase !== phase) {
    return `This API token may publish "${who.tokenPhase}" only, not ${phase === null ? 'every phase' : `"${phase}"`}; use a token for ${phase === null ? 'every phase' : `"${phase}"`}.`;
  }
  if (who.isAdmin) return null;
  if (phase === null)
    return 'Only administrators may publish every phase; scope the token to one phase.';
  if (who.publisherOf.includes(phase)) return null;
  return `The user is not a publisher of "${phase}"; an administrator can make them one (Administration → Publishing).`;
}

/**
 * Platform roles, held outside any course: `admin` (the `isAdmin` flag) and `developer` (the
 * `isDeveloper` flag), both granted by the identity provider's claim (`OIDC_ADMIN_VALUE`,
 * `OIDC_DEVELOPER_VALUE`) or, in development, by the seed (`developer@coursekit.test`). A developer
 * is not an admin: they change nothing anyone else sees.
 */
export type PlatformRole = 'admin' | 'developer';

export const PLATFORM_PERMISSIONS = {
  /**
   * Load a phase from one's own development server in one's own browser (`?phase-override=`);
   * nothing is registered and nobody else sees it.
   */
  overridePhases: ['admin', 'developer'],
} as const satisfies Record<string, readonly PlatformRole[]>;

export type PlatformPermission = keyof typeof PLATFORM_PERMISSIONS;

/** The platform roles a user holds. */
export function platformRolesOf(user: Pick<User, 'isAdmin' | 'isDeveloper'>): PlatformRole[] {
  const roles: PlatformRole[] = [];
  if (user.isAdmin) roles.push('admin');
  if (user.isDeveloper) roles.push('developer');
  return roles;
}

/**
 * Whether `user` may do a platform `permission`.
 *
 * @example
 * userCan({ isAdmin: false, isDeveloper: true }, 'overridePhases'); // true
 */
export function userCan(
  user: Pick<User, 'isAdmin' | 'isDeveloper'>,
  permission: PlatformPermission,
): boolean {
  const allowed: readonly PlatformRole[] = PLATFORM_PERMISSIONS[permission];
  return platformRolesOf(user).some((role) => allowed.includes(role));
}
