/** The session hooks: the query itself, and the signed-in user below the session guard. */
import type { Me } from '@coursekit/phase-sdk/contract';
import { useQuery } from '@tanstack/react-query';
import { useAppServices } from '../app/AppServices';
import { sessionQuery } from './sessionQuery';

export function useSession() {
  const { core } = useAppServices();
  return useQuery(sessionQuery(core));
}

/** The signed-in user; only below `<RequireSession>`, which renders nothing else. */
export function useSignedInMe(): Me {
  const { data } = useSession();
  if (!data) {
    throw new Error(
      'useSignedInMe() may be used only below <RequireSession>, which makes sure someone is signed in.',
    );
  }
  return data;
}
