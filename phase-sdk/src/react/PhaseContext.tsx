/**
 * The phase's whole view of the core. The host creates a `PhaseContextValue` per mounted phase and
 * provides it; phases read it through the hooks below and never import the host.
 */
import { createContext, type ReactNode, useContext } from 'react';
import type { ApiFetch } from '../client/createApiFetch.js';
import type { StorageClient } from '../client/StorageClient.js';
import {
  type CourseRole,
  type Permission,
  type PhaseConfig,
  roleCan,
  type User,
} from '../contract/index.js';

export interface PhaseNotification {
  kind: 'info' | 'success' | 'error';
  message: string;
}

export interface PhaseContextValue {
  user: User;
  /** The user's role in this course; `null` for an admin who is not a member. */
  role: CourseRole | null;
  course: { id: string; slug: string; title: string; term: string | null };
  coursePhase: { id: string; phase: string; title: string; version: string; config: PhaseConfig };
  /** Absolute path under which the phase renders, e.g. `/courses/<id>/<coursePhaseId>`. */
  basePath: string;
  /** Navigate within the phase; `to` is relative to `basePath`. */
  navigate: (to: string) => void;
  notify: (notification: PhaseNotification) => void;
  /** A short-lived token for this phase's own server, cached in memory and refreshed before expiry. */
  getToken: () => Promise<string>;
  /** `fetch` to this phase's own server through the core's gateway, with the phase token. */
  apiFetch: ApiFetch;
  /**
   * Core storage of this course phase (its documents and its participants' documents). Phases
   * usually reach it through `useCourseData`, `useMyData`, `useParticipantData` and
   * `useParticipants`.
   */
  storage: StorageClient;
}

const PhaseContext = createContext<PhaseContextValue | null>(null);
PhaseContext.displayName = 'CoursekitPhaseContext';

/** Provided by the host around every phase (and by `TestPhaseProvider` in tests). */
export function PhaseProvider({
  value,
  children,
}: {
  value: PhaseContextValue;
  children: ReactNode;
}) {
  return <PhaseContext.Provider value={value}>{children}</PhaseContext.Provider>;
}

/** The whole phase context. Throws a readable error outside a phase. */
export function usePhase(): PhaseContextValue {
  const value = useContext(PhaseContext);
  if (!value) {
    throw new Error(
      'usePhase() may be used only inside a phase mounted by the Coursekit host; in tests, wrap the component in <TestPhaseProvider> from @coursekit/phase-sdk/testing.',
    );
  }
  return value;
}

/** The signed-in user and their role in this course. */
export function useCurrentUser(): { user: User; role: CourseRole | null } {
  const { user, role } = usePhase();
  return { user, role };
}

/** The course and course phase this phase is mounted for, with its configuration. */
export function useCoursePhase(): Pick<PhaseContextValue, 'course' | 'coursePhase' | 'basePath'> {
  const { course, coursePhase, basePath } = usePhase();
  return { course, coursePhase, basePath };
}

export interface CoreAuth {
  user: User;
  role: CourseRole | null;
  /** Whether the user may do `permission` in this course (the same table the core enforces). */
  can: (permission: Permission) => boolean;
  getToken: () => Promise<string>;
}

/**
 * Who the user is, their role in this course, and a token for this phase's server.
 *
 * @example
 * const { can } = useCoreAuth();
 * return can('editCourseData') ? <Editor /> : <ReadOnlyView />;
 */
export function useCoreAuth(): CoreAuth {
  const { user, role, getToken } = usePhase();
  return { user, role, getToken, can: (permission) => roleCan(role, permission) };
}

/** `fetch` to this phase's own server through the core's gateway, with the phase token. */
export function useApiFetch(): ApiFetch {
  return usePhase().apiFetch;
}

/** The storage client of this course phase, for what the storage hooks do not cover. */
export function useStorage(): StorageClient {
  return usePhase().storage;
}
