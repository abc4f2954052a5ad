/**
 * The host's services, created once at start-up and injected: the core client, the phase loader,
 * the notification center and the query client. Components take them from this context, router
 * loaders from the object itself, and tests provide fakes of any of them.
 */
import { CoreClient } from '@coursekit/phase-sdk/client';
import { phaseApiQueryKeys } from '@coursekit/phase-sdk/react';
import type { QueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useContext } from 'react';
import { PhaseApis } from '../phases/PhaseApis';
import { PhaseLoader } from '../phases/PhaseLoader';
import { PhaseLoadReporter } from '../phases/PhaseLoadReporter';
import { PhaseRecovery } from '../phases/PhaseRecovery';
import { createQueryClient } from './createQueryClient';
import { NotificationCenter } from './NotificationCenter';

export interface AppServices {
  core: CoreClient;
  phaseLoader: PhaseLoader;
  /** Retries failed phase loads and shell reads when the network or a server is back. */
  phaseRecovery: PhaseRecovery;
  phaseApis: PhaseApis;
  notifications: NotificationCenter;
  queryClient: QueryClient;
}

/** The real services of the browser app; pass any of them to replace it. */
export function createAppServices(overrides: Partial<AppServices> = {}): AppServices {
  const core = overrides.core ?? new CoreClient();
  const phaseLoader =
    overrides.phaseLoader ?? new PhaseLoader({ onReport: new PhaseLoadReporter(core).add });
  const queryClient = overrides.queryClient ?? createQueryClient();
  const phaseApis =
    overrides.phaseApis ??
    new PhaseApis(core, {
      // The phase's server is back: what the phase failed to read from it is read again.
      onRecovered: (coursePhaseId) =>
        void queryClient
          .refetchQueries({
            queryKey: phaseApiQueryKeys.all(coursePhaseId),
            predicate: (query) => query.state.status === 'error',
          })
          .catch(() => undefined),
    });
  return {
    core,
    phaseApis,
    phaseLoader,
    phaseRecovery:
      overrides.phaseRecovery ?? new PhaseRecovery(phaseLoader, queryClient, { phaseApis }),
    notifications: overrides.notifications ?? new NotificationCenter(),
    queryClient,
  };
}

const AppServicesContext = createContext<AppServices | null>(null);
AppServicesContext.displayName = 'CoursekitAppServices';

export function AppServicesProvider({
  services,
  children,
}: {
  services: AppServices;
  children: ReactNode;
}) {
  return <AppServicesContext.Provider value={services}>{children}</AppServicesContext.Provider>;
}

export function useAppServices(): AppServices {
  const services = useContext(AppServicesContext);
  if (!services) {
    throw new Error(
      'useAppServices() may be used only inside <AppServicesProvider>; render the host through <App> or wrap the component in tests.',
    );
  }
  return services;
}
