// @vitest-environment happy-dom
/**
 * `renderPhase` renders a whole phase as one user: seeded documents show, saves land in the
 * storage it returns, the registry's access rules apply to the role, and the phase's server is
 * faked from its contract.
 */
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { documents, tick } from '../../client/__tests__/testDocuments.js';
import { defineRoute } from '../../contract/index.js';
import { definePhase } from '../../index.js';
import { useCourseData, useMyData, useParticipants, useRouteQuery } from '../../react/index.js';
import { fakePhaseServer, renderPhase } from '../index.js';

afterEach(cleanup);

const SAM = { userId: '00000000-0000-4000-8000-000000000001', email: 's@x.test', name: 'Sam' };
const KIM = { userId: '00000000-0000-4000-8000-000000000002', email: 'k@x.test', name: 'Kim' };

function Checklist() {
  const checklist = useCourseData(documents.course.shared);
  const mine = useMyData(documents.participant.own);
  const everyone = useParticipants(documents.participant.own);
  if (checklist.status !== 'success' || mine.status !== 'success') return <p>Loading…</p>;
  return (
    <>
      <ul aria-label="Steps">
        {checklist.data?.steps.map((step) => (
          <li key={step.id}>
            {step.label}{' '}
            <button type="button" onClick={() => mine.save(tick(step.id))}>
              {mine.data?.done.includes(step.id) ? `Done: ${step.label}` : `Tick ${step.label}`}
            </button>
          </li>
        ))}
      </ul>
      {everyone.status === 'error' && <p role="alert">{everyone.error?.message}</p>}
      {everyone.items.map((p) => (
        <p key={p.userId}>{`${p.name}: ${p.data?.done.length ?? 0} done`}</p>
      ))}
    </>
  );
}

const phase = definePhase({ component: Checklist, documents });
const steps = { steps: [{ id: 'a', label: 'Read the syllabus' }] };

describe('renderPhase', () => {
  it('shows seeded documents and keeps what the user saves', async () => {
    const { storage } = renderPhase(phase, { documents: { course: { shared: steps } } });
    fireEvent.click(await screen.findByRole('button', { name: 'Tick Read the syllabus' }));
    await screen.findByRole('button', { name: 'Done: Read the syllabus' });
    expect(storage.peek(documents.participant.own, SAM.userId)).toMatchObject({
      version: 1,
      doc: { done: ['a'] },
      updatedBy: SAM.userId,
    });
  });

  it("gives a student the registry's refusal of the staff listing", async () => {
    renderPhase(phase, { participants: [SAM, KIM], documents: { course: { shared: steps } } });
    expect((await screen.findByRole('alert')).textContent).toContain(
      "Your role in this course (student) may not list participants' documents.",
    );
    expect(screen.queryByText(/Kim:/)).toBeNull();
  });

  it("lists everyone's seeded documents for a lecturer", async () => {
    renderPhase(phase, {
      role: 'lecturer',
      participants: [SAM, KIM],
      documents: {
        course: { shared: steps },
        participant: { own: { [KIM.userId]: { done: ['a'] } } },
      },
    });
    expect(await screen.findByText('Kim: 1 done')).toBeTruthy();
    expect(screen.getByText('Sam: 0 done')).toBeTruthy();
  });

  it("fakes the phase's server from its contract", async () => {
    const routes = {
      hello: defineRoute({
        method: 'GET',
        path: '/hello',
        summary: 'A greeting',
        response: z.object({ text: z.string() }),
      }),
    } as const;
    function Hello() {
      const hello = useRouteQuery(routes.hello);
      return <p>{hello.data?.text ?? 'Loading…'}</p>;
    }
    const server = fakePhaseServer(routes, { hello: ({ role }) => ({ text: `Hello, ${role}` }) });
    renderPhase(definePhase({ component: Hello }), { role: 'editor', server });
    expect(await screen.findByText('Hello, editor')).toBeTruthy();
    expect(server.callsOf('hello')).toHaveLength(1);
  });

  it('says which seed the phase does not declare', () => {
    const bare = definePhase({ component: Checklist });
    expect(() => renderPhase(bare, { documents: { course: { shared: steps } } as never })).toThrow(
      'renderPhase: the phase declares no course.shared document',
    );
  });
});
