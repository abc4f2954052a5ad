// @vitest-environment happy-dom
/** `useCoreAuth().can(...)` answers from the same table the core enforces. */
import { renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { type CourseRole, isStaff, PERMISSIONS, type Permission } from '../../contract/index.js';
import { TestPhaseProvider } from '../../testing/index.js';
import { useCoreAuth, usePhase } from '../index.js';

/** Renders hooks as a user with `role` (and the admin flag) would see them. */
function PhaseAs({
  role,
  isAdmin,
  children,
}: {
  role: CourseRole | null;
  isAdmin: boolean;
  children: ReactNode;
}) {
  return (
    <TestPhaseProvider
      value={{
        role,
        user: {
          id: '00000000-0000-4000-8000-000000000009',
          email: 'x@coursekit.test',
          name: 'X',
          isAdmin,
          isDeveloper: false,
        },
      }}
    >
      {children}
    </TestPhaseProvider>
  );
}

const as =
  (role: CourseRole | null, isAdmin = false) =>
  ({ children }: { children: ReactNode }) => (
    <PhaseAs role={role} isAdmin={isAdmin}>
      {children}
    </PhaseAs>
  );

describe('useCoreAuth', () => {
  it.each([
    [
      'student',
      { participate: true, readRestricted: false, editCourseData: false, manageCourse: false },
    ],
    [
      'editor',
      { participate: true, readRestricted: true, editCourseData: true, manageCourse: false },
    ],
    [
      'lecturer',
      { participate: true, readRestricted: true, editCourseData: true, manageCourse: true },
    ],
  ] as const)('a %s may do what the core allows', (role, expected) => {
    const { result } = renderHook(() => useCoreAuth(), { wrapper: as(role) });
    expect({
      participate: result.current.can('participate'),
      readRestricted: result.current.can('readRestricted'),
      editCourseData: result.current.can('editCourseData'),
      manageCourse: result.current.can('manageCourse'),
    }).toEqual(expected);
  });

  // Regression: intro-course let a non-member admin edit while matching called them a non-member.
  it('gives an admin who is not a member no role inside a phase, like any non-member', () => {
    const { result } = renderHook(() => useCoreAuth(), { wrapper: as(null, true) });
    expect(result.current.role).toBeNull();
    for (const permission of Object.keys(PERMISSIONS) as Permission[])
      expect(result.current.can(permission)).toBe(false);
    expect(isStaff(result.current.role)).toBe(false);
  });

  it('gives an admin who is a member exactly their member role', () => {
    const { result } = renderHook(() => useCoreAuth(), { wrapper: as('student', true) });
    expect(result.current.can('participate')).toBe(true);
    expect(result.current.can('editCourseData')).toBe(false);
  });

  it('explains the misuse outside a phase', () => {
    expect(() => renderHook(() => usePhase())).toThrow(
      /only inside a phase mounted by the Coursekit host/,
    );
  });
});
