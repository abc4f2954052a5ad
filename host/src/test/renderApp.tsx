/** Renders the whole host at a path, with fake services, as the browser would show it. */
import { QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { type AppServices, AppServicesProvider, createAppServices } from '../app/AppServices';
import { appRoutes } from '../app/createAppRouter';

export function renderApp(path: string, services: Partial<AppServices>) {
  const all = createAppServices(services);
  // No retries in tests: a failed request shows its error state at once.
  all.queryClient.setDefaultOptions({ queries: { retry: false, staleTime: 30_000 } });
  const router = createMemoryRouter(appRoutes(all), { initialEntries: [path] });
  const view = render(
    <AppServicesProvider services={all}>
      <QueryClientProvider client={all.queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </AppServicesProvider>,
  );
  return { ...view, router, services: all };
}
