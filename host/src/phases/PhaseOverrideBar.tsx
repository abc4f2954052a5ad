/**
 * Sets a phase override from `?phase-override=<phase>@<phase.json URL>` and, while any is on, says
 * so on every page: which phase, which version, from where, with a one-click way back to the
 * registered version. After setting one it loads the same page again, so that the page's
 * Content-Security-Policy allows the development server and the open phase switches at once;
 * after clearing one it navigates to the same page (a phase otherwise keeps its version until the
 * next navigation).
 */
import { PHASE_OVERRIDE_PARAM, userCan } from '@coursekit/phase-sdk/contract';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { useAppServices } from '../app/AppServices';
import { describeError } from '../app/describeError';
import { useSession } from '../auth/useSession';
import { clearPhaseOverride, phaseOverridesQuery, setPhaseOverride } from './phaseOverrides';

export function PhaseOverrideBar() {
  const services = useAppServices();
  const me = useSession().data;
  const location = useLocation();
  const navigate = useNavigate();
  const allowed = me ? userCan(me.user, 'overridePhases') : false;
  const overrides = useQuery({ ...phaseOverridesQuery(services.core), enabled: allowed });
  const [pending, setPending] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const handled = useRef<string | null>(null);

  const requested = new URLSearchParams(location.search).get(PHASE_OVERRIDE_PARAM);
  useEffect(() => {
    if (!me || requested === null || handled.current === location.key) return;
    handled.current = location.key;
    const search = new URLSearchParams(location.search);
    search.delete(PHASE_OVERRIDE_PARAM);
    const rest = search.toString();
    // Open the same page again without the parameter: a reload must not set it once more.
    const reopen = () =>
      void navigate(
        { pathname: location.pathname, search: rest ? `?${rest}` : '', hash: location.hash },
        { replace: true },
      );
    setPending(requested);
    setRefusal(null);
    setPhaseOverride(services, requested).then(
      () => {
        setPending(null);
        // A new document: its Content-Security-Policy, which the registry computes per page,
        // now names the development server (the page loaded before the override does not).
        window.location.replace(`${location.pathname}${rest ? `?${rest}` : ''}${location.hash}`);
      },
      (error: unknown) => {
        setPending(null);
        setRefusal(`The phase override was refused: ${describeError(error)}`);
        reopen();
      },
    );
  }, [me, requested, location, navigate, services]);

  const clear = async (phase: string) => {
    try {
      await clearPhaseOverride(services, phase);
      void navigate(location, { replace: true });
    } catch (error) {
      setRefusal(`The override of ${phase} could not be cleared: ${describeError(error)}`);
    }
  };

  const active = overrides.data ?? [];
  if (!pending && !refusal && active.length === 0) return null;
  return (
    <section className="ck-override-bar" aria-label="Phase overrides">
      {pending ? <p role="status">Checking the phase override {pending}…</p> : null}
      {refusal ? (
        <p role="alert">
          {refusal}{' '}
          <button type="button" className="ck-secondary" onClick={() => setRefusal(null)}>
            Dismiss
          </button>
        </p>
      ) : null}
      {active.map((override) => (
        <p key={override.phase} role="status">
          <strong>Phase override:</strong> {override.phase} {override.version} loads from{' '}
          <code>{override.descriptorUrl}</code>, in your browser only.{' '}
          <button type="button" onClick={() => void clear(override.phase)}>
            Stop overriding {override.phase}
          </button>
        </p>
      ))}
    </section>
  );
}
