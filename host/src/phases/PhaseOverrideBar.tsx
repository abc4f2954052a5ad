/**
 * Offers a phase override from `?phase-override=<phase>@<phase.json URL>` and, while any is on, says
 * so on every page: which phase, which version, from where, with a one-click way back to the
 * registered version. The parameter only proposes: a developer sets the override by confirming,
 * because the build then runs in this page with their sign-in, and a link anyone can send must not
 * load someone else's code into a developer's or admin's session. After setting one it loads the
 * same page again, so that the page's Content-Security-Policy allows the development server and the
 * open phase switches at once; after clearing one it navigates to the same page (a phase otherwise
 * keeps its version until the next navigation).
 */
import { PHASE_OVERRIDE_PARAM, parsePhaseOverride, userCan } from '@coursekit/phase-sdk/contract';
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
  /** The proposal of the current URL that awaits the developer's answer. */
  const [proposal, setProposal] = useState<string | null>(null);

  // The same page without the parameter: a reload must not propose it once more.
  const withoutParameter = () => {
    const search = new URLSearchParams(location.search);
    search.delete(PHASE_OVERRIDE_PARAM);
    const rest = search.toString();
    return { pathname: location.pathname, search: rest ? `?${rest}` : '', hash: location.hash };
  };
  const reopen = () => void navigate(withoutParameter(), { replace: true });

  const apply = (value: string) => {
    setProposal(null);
    setPending(value);
    setRefusal(null);
    setPhaseOverride(services, value).then(
      () => {
        setPending(null);
        // A new document: its Content-Security-Policy, which the registry computes per page,
        // now names the development server (the page loaded before the override does not).
        const { pathname, search, hash } = withoutParameter();
        window.location.replace(`${pathname}${search}${hash}`);
      },
      (error: unknown) => {
        setPending(null);
        setRefusal(`The phase override was refused: ${describeError(error)}`);
        reopen();
      },
    );
  };

  useEffect(() => {
    if (!me || requested === null || handled.current === location.key) return;
    handled.current = location.key;
    // Without the permission, or with a malformed value, nothing can run: the refusal says why.
    if (allowed && parsePhaseOverride(requested)) setProposal(requested);
    else apply(requested);
  });

  const cancel = () => {
    setProposal(null);
    reopen();
  };
  const proposed = proposal === null ? null : parsePhaseOverride(proposal);

  const clear = async (phase: string) => {
    try {
      await clearPhaseOverride(services, phase);
      void navigate(location, { replace: true });
    } catch (error) {
      setRefusal(`The override of ${phase} could not be cleared: ${describeError(error)}`);
    }
  };

  const active = overrides.data ?? [];
  if (!proposal && !pending && !refusal && active.length === 0) return null;
  return (
    <section className="ck-override-bar" aria-label="Phase overrides">
      {proposal ? (
        <fieldset className="ck-override-proposal">
          <legend>Load a phase from another build?</legend>
          <p>
            This link asks to load {proposed?.phase} from <code>{proposed?.descriptorUrl}</code> in
            your browser only. Its code runs in this page with your sign-in: load builds you made
            yourself only.
          </p>
          <p>
            <button type="button" onClick={() => apply(proposal)}>
              Load this build
            </button>{' '}
            <button type="button" className="ck-secondary" onClick={cancel}>
              Cancel
            </button>
          </p>
        </fieldset>
      ) : null}
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
