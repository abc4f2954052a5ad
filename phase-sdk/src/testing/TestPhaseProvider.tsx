/**
 * An in-memory stand-in for the host, so a phase's components can be rendered in unit tests with
 * the same context they get in the browser.
 */
import type { ReactNode } from 'react';
import { type PhaseContextValue, PhaseProvider } from '../react/index.js';

const defaults: PhaseContextValue = {
  user: {
    id: '00000000-0000-4000-8000-000000000001',
    email: 'student1@coursekit.test',
    name: 'Student One',
    isAdmin: false,
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

/** Render `children` as a phase would be rendered by the host; override any part of the context. */
export function TestPhaseProvider({
  children,
  value,
}: {
  children: ReactNode;
  value?: Partial<PhaseContextValue>;
}) {
  return <PhaseProvider value={{ ...defaults, ...value }}>{children}</PhaseProvider>;
}
