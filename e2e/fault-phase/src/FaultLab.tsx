/**
 * The fault lab's page: a heading, and a line that its own server (through the core's gateway)
 * answered. The fault matrix uses a course phase showing this page as the phase that works.
 */
import { usePhase, useRouteQuery } from '@coursekit/phase-sdk/react';
import { labStatus } from './labRoutes';

export function FaultLab() {
  const { coursePhase } = usePhase();
  const status = useRouteQuery(labStatus);
  return (
    <section>
      <h2>{coursePhase.title} works</h2>
      {status.isSuccess ? <p>Its server says: {status.data.message}</p> : null}
      {status.isPending ? <p role="status">Asking its server…</p> : null}
    </section>
  );
}
