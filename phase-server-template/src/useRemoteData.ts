/**
 * Load something from the phase server and say where it stands: loading, failed (with the typed
 * error, so the screen can show its message) or ready. `reload()` runs the loader again, e.g. from
 * a "Try again" button or after a change; data already shown stays on screen while it reloads. An
 * answer that arrives after newer inputs is dropped, so a slow old request never wins.
 */

import { type PhaseApiError, toPhaseApiError } from '@coursekit/phase-sdk/client';
import { type DependencyList, useCallback, useEffect, useState } from 'react';

export type RemoteData<T> =
  | { status: 'loading' }
  | { status: 'error'; error: PhaseApiError }
  | { status: 'ready'; data: T };

/**
 * @example
 * const notes = useRemoteData(() => client.listNotes(), [client]);
 * if (notes.status === 'ready') return <NoteList notes={notes.data.notes} />;
 */
export function useRemoteData<T>(
  load: () => Promise<T>,
  deps: DependencyList,
): RemoteData<T> & { reload: () => void } {
  const [state, setState] = useState<RemoteData<T>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the caller's deps say when `load` changes; `attempt` is how reload() asks for a new run
  useEffect(() => {
    let current = true;
    setState((previous) => (previous.status === 'ready' ? previous : { status: 'loading' }));
    load().then(
      (data) => {
        if (current) setState({ status: 'ready', data });
      },
      (error: unknown) => {
        if (current) setState({ status: 'error', error: toPhaseApiError(error) });
      },
    );
    return () => {
      current = false;
    };
  }, [...deps, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { ...state, reload };
}
