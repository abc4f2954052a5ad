/**
 * The state of a phase's module for React: subscribes to the PhaseLoader (no Suspense, so the
 * phase appears the moment its module is there) and starts the load if the router did not (the
 * router's loader also starts a new load of a failed phase on each navigation into it).
 */
import { useEffect, useMemo, useSyncExternalStore } from 'react';
import { useAppServices } from '../app/AppServices';
import type { PhaseModuleState, PhaseRef } from './PhaseLoader';

export function usePhaseModule(phase: PhaseRef): PhaseModuleState {
  const { phaseLoader } = useAppServices();
  const { title, version, devOverride } = phase;
  const { name, entry, integrity, baseUrl } = phase.remote;
  const ref = useMemo<PhaseRef>(
    () => ({
      title,
      phase: phase.phase,
      version,
      devOverride,
      remote: { name, entry, integrity, baseUrl },
    }),
    [title, phase.phase, version, devOverride, name, entry, integrity, baseUrl],
  );
  const state = useSyncExternalStore(phaseLoader.subscribe, () => phaseLoader.getState(ref));

  useEffect(() => {
    if (phaseLoader.getState(ref).status === 'idle') phaseLoader.load(ref).catch(() => undefined);
  }, [phaseLoader, ref]);

  // The module may have failed for another course phase of the same type: name this one.
  return useMemo(
    () => (state.status === 'failed' ? { ...state, error: state.error.forPhase(title) } : state),
    [state, title],
  );
}
