/**
 * An in-memory stand-in for the host, so a phase's components can be rendered in unit tests with
 * the same context they get in the browser: the PhaseContext (override any part of it), a
 * QueryClient as the host's, core storage in memory (`InMemoryStorage`), and the phase's own
 * server faked from its contract (`fakePhaseServer`).
 */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { type ReactNode, useMemo, useState } from 'react';
import { StorageClient } from '../client/StorageClient.js';
import { type PhaseContextValue, PhaseProvider } from '../react/index.js';
import type { FakePhaseServer } from './fakePhaseServer.js';
import { InMemoryStorage } from './InMemoryStorage.js';

const defaults: Omit<PhaseContextValue, 'storage'> = {
  user: {
    id: '00000000-0000-4000-8000-000000000001',
    email: 'student1@coursekit.test',
    name: 'Student One',
    isAdmin: false,
    isDeveloper: false,
  },
  role: 'student',
  course: {
    id: '00000000-0000-4000-8000-0000000000c1',
    slug: 'sample',
    title: 'Sample course',
    term: null,
  },
  coursePhase: {
    id: '00000000-0000-4000-8000-0000000000f1',
    phase: 'test-phase',
    title: 'Test phase',
    version: '0.0.0',
    config: {},
  },
  basePath: '/courses/00000000-0000-4000-8000-0000000000c1/00000000-0000-4000-8000-0000000000f1',
  navigate: () => {},
  notify: () => {},
  getToken: () =>
    Promise.reject(
      new Error('No phase token in tests: pass value={{ getToken }} to <TestPhaseProvider>.'),
    ),
  apiFetch: (path) =>
    Promise.reject(
      new Error(
        `No phase server in tests (apiFetch("${path}")): pass value={{ apiFetch }} to <TestPhaseProvider>.`,
      ),
    ),
};

/** A QueryClient for tests: no retries, so a failure shows at once. */
export function createTestQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: { queries: { retry: false }, mutations: { retry: false } },
  });
}

export interface TestPhaseProviderProps {
  children: ReactNode;
  /** Any part of the PhaseContext; `storage` here wins over the `storage` prop. */
  value?: Partial<PhaseContextValue>;
  /**
   * The core storage behind the phase, seen by the provider's user with their role (the registry's
   * access rules apply: a student cannot read restricted documents). Default: an empty one per
   * provider. Share one between two providers to play two users (or two tabs) of one course phase.
   */
  storage?: InMemoryStorage;
  /** The host's QueryClient. Default: a fresh one per provider, without retries. */
  queryClient?: QueryClient;
  /**
   * The phase's own server, faked from its contract; its `apiFetch` becomes the context's, and it
   * checks the contract's roles against the provider's role. `value.apiFetch` wins over it.
   */
  server?: FakePhaseServer;
}

/**
 * Render `children` as a phase would be rendered by the host.
 *
 * @example
 * const storage = new InMemoryStorage({ participants: [student] });
 * render(<TestPhaseProvider value={{ role: 'lecturer' }} storage={storage}><MyPhase /></TestPhaseProvider>);
 */
export function TestPhaseProvider({
  children,
  value,
  storage,
  queryClient,
  server,
}: TestPhaseProviderProps) {
  const [ownStorage] = useState(() => new InMemoryStorage());
  const memory = storage ?? ownStorage;
  const userId = value?.user?.id ?? defaults.user.id;
  const role = value?.role === undefined ? defaults.role : value.role;
  // The storage as this user sees it: the registry's access rules apply to every call.
  const client = useMemo(
    () => new StorageClient(memory.forCaller({ userId, role })),
    [memory, userId, role],
  );
  const [ownQueryClient] = useState(createTestQueryClient);
  if (server) server.role = role;
  return (
    <QueryClientProvider client={queryClient ?? ownQueryClient}>
      <PhaseProvider
        value={{
          ...defaults,
          storage: client,
          ...(server ? { apiFetch: server.apiFetch } : {}),
          ...value,
        }}
      >
        {children}
      </PhaseProvider>
    </QueryClientProvider>
  );
}
