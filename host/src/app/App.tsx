/** The whole host app: services, the query client and the router. */
import { QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { RouterProvider } from 'react-router';
import { type AppServices, AppServicesProvider } from './AppServices';
import { createAppRouter } from './createAppRouter';

type AppRouter = ReturnType<typeof createAppRouter>;

/** Calls `callback` once the router's first navigation has loaded (at once if it has). */
function afterFirstNavigation(router: AppRouter, callback: () => void) {
  if (router.state.initialized) {
    callback();
    return;
  }
  const unsubscribe = router.subscribe((state) => {
    if (!state.initialized) return;
    unsubscribe();
    callback();
  });
}

export function App({
  services,
  onFirstNavigation,
}: {
  services: AppServices;
  /** Called once the first page's loaders are done (see `seedFromPage`). */
  onFirstNavigation?: () => void;
}) {
  const [router] = useState(() => {
    const created = createAppRouter(services);
    if (onFirstNavigation) afterFirstNavigation(created, onFirstNavigation);
    return created;
  });
  return (
    <AppServicesProvider services={services}>
      <QueryClientProvider client={services.queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </AppServicesProvider>
  );
}
