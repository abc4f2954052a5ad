/**
 * The router's last resort, for a bug in the shell itself: phases have their own boundaries, so
 * reaching this means the host failed, and it says so.
 */
import { isRouteErrorResponse, Link, useRouteError } from 'react-router';
import { describeError } from './describeError';

export function RouteErrorPage() {
  const error = useRouteError();
  const message = isRouteErrorResponse(error)
    ? `${error.status} ${error.statusText}`
    : describeError(error);
  return (
    <section className="ck-page" role="alert">
      <h1>Something went wrong</h1>
      <p>Coursekit hit an error it did not expect: {message}</p>
      <p>
        <Link to="/" reloadDocument>
          Reload Coursekit
        </Link>
      </p>
    </section>
  );
}
