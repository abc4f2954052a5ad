/**
 * The frame of the admin console: its navigation (catalogue and audit log for admins only) and
 * the guards. Someone with nothing to manage gets a plain "not allowed" page, never a half page.
 */
import { NavLink, Outlet } from 'react-router';
import { useSignedInMe } from '../auth/useSession';
import { canOpenAdmin } from './adminAccess';
import { usePageTitle } from './usePageTitle';

export function NotAllowed({ children }: { children: string }) {
  usePageTitle('Not allowed');
  return (
    <section className="ck-page">
      <h1>Not allowed</h1>
      <p>{children}</p>
    </section>
  );
}

export function AdminLayout() {
  const me = useSignedInMe();
  if (!canOpenAdmin(me)) {
    return (
      <NotAllowed>
        Administration is for administrators and the lecturers of a course; ask a lecturer if you
        need something changed.
      </NotAllowed>
    );
  }
  return (
    <div className="ck-admin">
      <nav aria-label="Administration" className="ck-tabs">
        <NavLink to="/admin" end>
          Courses
        </NavLink>
        {me.user.isAdmin ? (
          <>
            <NavLink to="/admin/catalogue">Phase catalogue</NavLink>
            <NavLink to="/admin/audit">Audit log</NavLink>
            <NavLink to="/admin/publishing">Publishing</NavLink>
          </>
        ) : null}
      </nav>
      <Outlet />
    </div>
  );
}

export function RequireAdmin() {
  const me = useSignedInMe();
  if (!me.user.isAdmin) return <NotAllowed>Only administrators may open this page.</NotAllowed>;
  return <Outlet />;
}
