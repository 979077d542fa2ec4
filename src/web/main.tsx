/** The page's entry: theme, data cache, router. */
import '@mantine/core/styles.css';
import '@mantine/charts/styles.css';
import './styles.css';
import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { meQuery } from './hooks/session.ts';
import { isStatus } from './lib/api.ts';
import { router } from './routes.tsx';
import { cssVariablesResolver, theme } from './theme.ts';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      retry: (count, error) =>
        count < 2 && !isStatus(error, 401) && !isStatus(error, 403) && !isStatus(error, 404),
    },
  },
});

// A practice's pages show nothing before the session is known (PracticeShell): ask for
// it now, with the route's own data, not once the route's code has been loaded.
if (window.location.pathname.startsWith('/p/')) void queryClient.prefetchQuery(meQuery);

const root = document.getElementById('root');
if (!root) throw new Error('no #root element');
createRoot(root).render(
  <StrictMode>
    <MantineProvider
      theme={theme}
      cssVariablesResolver={cssVariablesResolver}
      defaultColorScheme="auto"
    >
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>
  </StrictMode>,
);
