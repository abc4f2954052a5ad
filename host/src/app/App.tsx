/** The whole host app: services, the query client and the router. */
import { QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { RouterProvider } from 'react-router';
import { type AppServices, AppServicesProvider } from './AppServices';
import { createAppRouter } from './createAppRouter';

export function App({ services }: { services: AppServices }) {
  const [router] = useState(() => createAppRouter(services));
  return (
    <AppServicesProvider services={services}>
      <QueryClientProvider client={services.queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </AppServicesProvider>
  );
}
