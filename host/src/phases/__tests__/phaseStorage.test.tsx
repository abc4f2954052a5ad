/**
 * A mounted phase reaches core storage through its PhaseContext: the storage hooks read the
 * documents of its own course phase from the registry, through the host's QueryClient, and a save
 * goes to that course phase with the version it read.
 */
import { defineDocuments, definePhase } from '@coursekit/phase-sdk';
import { useCourseData } from '@coursekit/phase-sdk/react';
import { loadRemote } from '@module-federation/enhanced/runtime';
import { fireEvent, screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import {
  COURSE_ID,
  fakeCore,
  KICK_OFF_ID,
  resolvedCourse,
  student,
  WELCOME_ID,
} from '../../test/fakeCore';
import { renderApp } from '../../test/renderApp';

vi.mock('@module-federation/enhanced/runtime', () => ({
  getInstance: vi.fn(() => null),
  registerRemotes: vi.fn(),
  loadRemote: vi.fn(),
}));

const documents = defineDocuments({ course: { shared: z.object({ motto: z.string() }) } });

function MottoPhase() {
  const motto = useCourseData(documents.course.shared);
  if (motto.status !== 'success') return <p>Loading the motto…</p>;
  return (
    <section>
      <p>Motto: {motto.data?.motto ?? 'none yet'}</p>
      <button type="button" onClick={() => motto.save(() => ({ motto: 'Ship it' }))}>
        Change motto
      </button>
    </section>
  );
}

const stored = (motto: string, version = 1) => ({
  status: 200,
  body: { version, doc: { motto }, updatedAt: '2026-10-01T10:00:00.000Z', updatedBy: null },
});

const routes = {
  'GET /api/me': { status: 200, body: student },
  [`GET /api/courses/${COURSE_ID}/phases`]: { status: 200, body: resolvedCourse },
  [`GET /api/course-phases/${WELCOME_ID}/data/shared`]: stored('Welcome aboard'),
  [`GET /api/course-phases/${KICK_OFF_ID}/data/shared`]: stored('Teams first', 4),
};

beforeEach(() => {
  vi.mocked(loadRemote).mockReset();
  vi.mocked(loadRemote).mockResolvedValue({
    default: definePhase({ component: MottoPhase, documents }),
  });
});

describe('phase storage', () => {
  it('reads the documents of the course phase that is mounted', async () => {
    const { core, calls } = fakeCore(routes);
    renderApp(`/courses/${COURSE_ID}/${WELCOME_ID}`, { core });
    const outlet = await screen.findByTestId('phase-outlet');
    expect(await within(outlet).findByText('Motto: Welcome aboard')).toBeTruthy();

    fireEvent.click(screen.getByRole('link', { name: 'Team kick-off' }));
    expect(await within(outlet).findByText('Motto: Teams first')).toBeTruthy();
    expect(calls).toContain(`GET /api/course-phases/${KICK_OFF_ID}/data/shared`);
  });

  it('saves to that course phase with the version it read', async () => {
    const written: unknown[] = [];
    const { core } = fakeCore({
      ...routes,
      [`PUT /api/course-phases/${KICK_OFF_ID}/data/shared`]: (body) => {
        written.push(body);
        return stored('Ship it', 5);
      },
    });
    const fetchSpy = vi.spyOn(core, 'request');
    renderApp(`/courses/${COURSE_ID}/${KICK_OFF_ID}`, { core });
    fireEvent.click(await screen.findByRole('button', { name: 'Change motto' }));

    expect(await screen.findByText('Motto: Ship it')).toBeTruthy();
    expect(written).toEqual([{ motto: 'Ship it' }]);
    const put = fetchSpy.mock.calls.find(([, , init]) => init?.method === 'PUT');
    expect(new Headers(put?.[2]?.headers).get('if-match')).toBe('"4"');
  });
});
