/**
 * The sign-in page. With dev login (the embedded default): an email, or one click on a seeded
 * user; a failed sign-in shows the problem's detail as the registry wrote it, success stores the
 * session and goes on to where the user was headed (the course list by default). With an OpenID
 * Connect provider: one link to the registry's login route, which comes back to the same place.
 */
import type { Me } from '@coursekit/phase-sdk/contract';
import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useAppServices } from '../app/AppServices';
import { describeError } from '../app/describeError';
import { LoadingState } from '../app/LoadingState';
import { authConfigQuery } from './authConfigQuery';
import { DEV_USERS } from './devUsers';
import type { SignInState } from './RequireSession';
import { sessionQueryKey } from './sessionQuery';
import { useSession } from './useSession';

/** Only same-app paths: never send the user to another origin after signing in. */
function destination(state: unknown): string {
  const from = (state as SignInState | null)?.from;
  return typeof from === 'string' && from.startsWith('/') && !from.startsWith('//')
    ? from
    : '/courses';
}

const OIDC_ERRORS: Record<string, string> = {
  CK_OIDC_FAILED:
    'Signing in with your university account did not complete (it may have expired). Please try again.',
  CK_UNAVAILABLE:
    'The university sign-in service is not reachable right now. Please try again in a moment.',
};

export function SignInPage() {
  const { core, queryClient, phaseApis } = useAppServices();
  const session = useSession();
  const authConfig = useQuery(authConfigQuery(core));
  const location = useLocation();
  const emailId = useId();
  const [email, setEmail] = useState('');
  const signIn = useMutation({
    mutationFn: (address: string) => core.devLogin(address),
    // Storing the session is enough: the page then renders the redirect below. Phase tokens of
    // whoever was signed in before (a session that expired) must not serve the new user.
    onSuccess: (me: Me) => {
      phaseApis.clear();
      queryClient.setQueryData(sessionQueryKey, me);
    },
  });

  if (session.isPending) return <LoadingState>Checking your session…</LoadingState>;
  if (session.data) return <Navigate to={destination(location.state)} replace />;
  if (authConfig.isPending) return <LoadingState>Loading sign-in options…</LoadingState>;

  // A registry too old to tell its mode, or unreachable, gets the dev form: its answer explains.
  const { data: config } = authConfig;
  // The registry sends a failed identity-provider sign-in back here with ?error=<code>.
  const oidcError = new URLSearchParams(location.search).get('error');
  if (config?.mode === 'oidc' && config.loginUrl) {
    const href = `${config.loginUrl}?returnTo=${encodeURIComponent(destination(location.state))}`;
    return (
      <section className="ck-sign-in">
        <h1>Sign in to Coursekit</h1>
        {oidcError ? (
          <p role="alert" className="ck-error">
            {OIDC_ERRORS[oidcError] ?? 'Signing in did not work; please try again.'}
          </p>
        ) : null}
        <p>
          <a className="ck-button" href={href}>
            Sign in with your university account
          </a>
        </p>
      </section>
    );
  }

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    signIn.mutate(email.trim());
  };

  return (
    <section className="ck-sign-in" aria-labelledby={`${emailId}-heading`}>
      <h1 id={`${emailId}-heading`}>Sign in to Coursekit</h1>
      {/* The registry validates the address and explains what is wrong with it. */}
      <form onSubmit={submit} noValidate className="ck-form">
        <label htmlFor={emailId}>Email</label>
        <input
          id={emailId}
          name="email"
          type="email"
          autoComplete="email"
          value={email}
          onChange={(event) => setEmail(event.target.value)}
        />
        <button type="submit" disabled={signIn.isPending}>
          Sign in
        </button>
      </form>
      {signIn.isPending ? <LoadingState>Signing in…</LoadingState> : null}
      {signIn.isError ? (
        <p className="ck-error" role="alert">
          {describeError(signIn.error)}
        </p>
      ) : null}
      <h2>Seeded dev users</h2>
      <ul className="ck-dev-users">
        {DEV_USERS.map((address) => (
          <li key={address}>
            <button
              type="button"
              className="ck-secondary"
              disabled={signIn.isPending}
              onClick={() => {
                setEmail(address);
                signIn.mutate(address);
              }}
            >
              Sign in as {address}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
