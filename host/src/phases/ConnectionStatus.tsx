/**
 * Runs the background recovery (`PhaseRecovery`) for the page's lifetime and tells the user when
 * Coursekit's server cannot be reached: what is open keeps working, and the banner goes away by
 * itself once the server answers again.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useSyncExternalStore } from 'react';
import { useAppServices } from '../app/AppServices';
import { isTransientReadError } from './PhaseRecovery';

function useRegistryUnreachable(): boolean {
  const queryClient = useQueryClient();
  const cache = queryClient.getQueryCache();
  return useSyncExternalStore(
    (listener) => cache.subscribe(listener),
    () =>
      cache
        .findAll({ type: 'active' })
        .some((query) => query.state.status === 'error' && isTransientReadError(query.state.error)),
  );
}

export function ConnectionStatus() {
  const { phaseRecovery } = useAppServices();
  useEffect(() => phaseRecovery.start(), [phaseRecovery]);
  const unreachable = useRegistryUnreachable();
  if (!unreachable) return null;
  return (
    <div className="ck-connection" role="status">
      Coursekit’s server cannot be reached right now. What is already open keeps working, and
      Coursekit reconnects by itself.
    </div>
  );
}
