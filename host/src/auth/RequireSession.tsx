/**
 * The session guard around every signed-in page: it waits for `/api/me`, sends signed-out users
 * to the sign-in page (remembering where they wanted to go) and renders the page otherwise.
 */
import { Navigate, Outlet, useLocation } from 'react-router';
import { ErrorState } from '../app/ErrorState';
import { LoadingState } from '../app/LoadingState';
import { useSession } from './useSession';

export interface SignInState {
  from?: string;
}

export function RequireSession() {
  const session = useSession();
  const location = useLocation();
  if (session.isPending) return <LoadingState>Checking your session…</LoadingState>;
  if (session.isError) {
    return (
      <ErrorState
        title="Your session could not be checked."
        error={session.error}
        onRetry={() => void session.refetch()}
      />
    );
  }
  if (!session.data) {
    const state: SignInState = { from: `${location.pathname}${location.search}` };
    return <Navigate to="/sign-in" replace state={state} />;
  }
  return <Outlet />;
}
