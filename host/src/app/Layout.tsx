/**
 * The shell around every page: the header (app name, administration for those who have something
 * to manage, who is signed in, sign out), a developer's phase overrides, and the page.
 */
import { Link, NavLink, Outlet } from 'react-router';
import { canOpenAdmin } from '../admin/adminAccess';
import { SignOutButton } from '../auth/SignOutButton';
import { useSession } from '../auth/useSession';
import { ConnectionStatus } from '../phases/ConnectionStatus';
import { PhaseOverrideBar } from '../phases/PhaseOverrideBar';
import { NotificationArea } from './NotificationArea';

export function Layout() {
  const session = useSession();
  return (
    <div className="ck-shell">
      <a className="ck-skip-link" href="#ck-main">
        Skip to content
      </a>
      <header className="ck-header">
        <Link to="/courses" className="ck-brand">
          Coursekit
        </Link>
        {session.data ? (
          <div className="ck-user">
            {canOpenAdmin(session.data) ? <NavLink to="/admin">Administration</NavLink> : null}
            <span className="ck-user-email">{session.data.user.email}</span>
            <SignOutButton />
          </div>
        ) : null}
      </header>
      <ConnectionStatus />
      <PhaseOverrideBar />
      <main id="ck-main" className="ck-main">
        <Outlet />
      </main>
      <NotificationArea />
    </div>
  );
}
