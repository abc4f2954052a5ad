/** Ends the session and forgets everything read under it. */
import { useMutation } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useAppServices } from '../app/AppServices';
import { describeError } from '../app/describeError';
import { sessionQueryKey } from './sessionQuery';

export function SignOutButton() {
  const { core, queryClient, notifications, phaseApis } = useAppServices();
  const navigate = useNavigate();
  const signOut = useMutation({
    mutationFn: () => core.logout(),
    onSuccess: async () => {
      await navigate('/sign-in', { replace: true });
      queryClient.removeQueries();
      phaseApis.clear();
      queryClient.setQueryData(sessionQueryKey, null);
    },
    onError: (error) =>
      notifications.notify({
        kind: 'error',
        message: `Signing out failed: ${describeError(error)}`,
      }),
  });
  return (
    <button
      type="button"
      className="ck-secondary"
      disabled={signOut.isPending}
      onClick={() => signOut.mutate()}
    >
      Sign out
    </button>
  );
}
