import { definePhase } from '@coursekit/phase-sdk';
import { usePhase } from '@coursekit/phase-sdk/react';
import { loadRemote } from '@module-federation/enhanced/runtime';
import { fireEvent, screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  COURSE_ID,
  fakeCore,
  KICK_OFF_ID,
  problem,
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

/** A phase that uses its context the way real phases do. */
function ContextPhase() {
  const { coursePhase, role, navigate, notify } = usePhase();
  return (
    <section>
      <h2>{coursePhase.title} phase</h2>
      <p>
        Role {role}, steps {JSON.stringify(coursePhase.config.steps ?? null)}
      </p>
      <button type="button" onClick={() => navigate('teams/3')}>
        Open team
      </button>
      <button type="button" onClick={() => notify({ kind: 'success', message: 'Saved.' })}>
        Save
      </button>
    </section>
  );
}

const routes = {
  'GET /api/me': { status: 200, body: student },
  'GET /api/courses': {
    status: 200,
    body: [{ ...resolvedCourse.course, role: 'student', archived: false }],
  },
  [`GET /api/courses/${COURSE_ID}/phases`]: { status: 200, body: resolvedCourse },
};

beforeEach(() => {
  vi.mocked(loadRemote).mockReset();
  vi.mocked(loadRemote).mockResolvedValue({ default: definePhase({ component: ContextPhase }) });
});

describe('course pages', () => {
  it('lists the courses as links to their pages', async () => {
    const { core } = fakeCore(routes);
    renderApp('/courses', { core });

    const link = await screen.findByRole('link', { name: 'Software Engineering Essentials' });
    expect(link.getAttribute('href')).toBe(`/courses/${COURSE_ID}`);
    expect(screen.getByRole('link', { name: 'Coursekit' }).getAttribute('href')).toBe('/courses');
    expect(screen.getByRole('button', { name: 'Sign out' })).toBeTruthy();
  });

  it('opens the first phase of a course, with its phases as ordered navigation', async () => {
    const { core } = fakeCore(routes);
    const { router } = renderApp(`/courses/${COURSE_ID}`, { core });

    expect(
      await screen.findByRole('heading', { name: 'Software Engineering Essentials', level: 1 }),
    ).toBeTruthy();
    const nav = screen.getByRole('navigation', { name: 'Course phases' });
    const links = within(nav).getAllByRole('link');
    expect(links.map((link) => link.textContent)).toEqual(['Welcome', 'Team kick-off']);
    expect(nav.querySelector('ol')).toBeTruthy();

    expect(await screen.findByRole('heading', { name: 'Welcome phase' })).toBeTruthy();
    expect(router.state.location.pathname).toBe(`/courses/${COURSE_ID}/${WELCOME_ID}`);
    expect(links[0]?.getAttribute('aria-current')).toBe('page');
    expect(links[1]?.getAttribute('aria-current')).toBeNull();
  });

  it('gives the phase its config, role, navigation under its base path and notifications', async () => {
    const { core } = fakeCore(routes);
    const { router } = renderApp(`/courses/${COURSE_ID}/${KICK_OFF_ID}`, { core });

    const outlet = await screen.findByTestId('phase-outlet');
    await within(outlet).findByRole('heading', { name: 'Team kick-off phase' });
    expect(outlet.textContent).toContain('Role student, steps ["Meet your team"]');

    fireEvent.click(within(outlet).getByRole('button', { name: 'Save' }));
    expect(screen.getByRole('status').textContent).toContain('Saved.');

    fireEvent.click(within(outlet).getByRole('button', { name: 'Open team' }));
    await vi.waitFor(() =>
      expect(router.state.location.pathname).toBe(`/courses/${COURSE_ID}/${KICK_OFF_ID}/teams/3`),
    );
    // Still the same course phase, still selected.
    expect(screen.getByRole('link', { name: 'Team kick-off' }).getAttribute('aria-current')).toBe(
      'page',
    );
  });

  it('says so when a course has no phases yet', async () => {
    const { core } = fakeCore({
      ...routes,
      [`GET /api/courses/${COURSE_ID}/phases`]: {
        status: 200,
        body: { ...resolvedCourse, phases: [] },
      },
    });
    renderApp(`/courses/${COURSE_ID}`, { core });

    expect(await screen.findByText('No phases are enabled for this course yet.')).toBeTruthy();
    expect(screen.queryByRole('navigation', { name: 'Course phases' })).toBeNull();
  });

  it('shows why a course could not be loaded and retries on request', async () => {
    let fail = true;
    const { core } = fakeCore({
      ...routes,
      [`GET /api/courses/${COURSE_ID}/phases`]: () =>
        fail
          ? { status: 503, body: problem(503, 'The database is restarting.') }
          : { status: 200, body: resolvedCourse },
    });
    renderApp(`/courses/${COURSE_ID}`, { core });

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The database is restarting.');

    fail = false;
    fireEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByRole('heading', { name: 'Welcome phase' })).toBeTruthy();
  });

  it('the unknown-course page has a heading and no Retry that cannot help', async () => {
    const { core } = fakeCore({
      ...routes,
      [`GET /api/courses/${COURSE_ID}/phases`]: {
        status: 404,
        body: problem(404, 'Course not found.'),
      },
    });
    renderApp(`/courses/${COURSE_ID}`, { core });

    expect(await screen.findByRole('heading', { name: 'Course not found' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Retry' })).toBeNull();
    expect(screen.getByRole('link', { name: 'Back to your courses' })).toBeTruthy();
    expect(document.title).toBe('Course not found · Coursekit');
  });

  it('shows "Page not found" with a link home for unknown routes', async () => {
    const { core } = fakeCore(routes);
    renderApp('/no/such/page', { core });

    expect(await screen.findByRole('heading', { name: 'Page not found' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Go to the home page' }).getAttribute('href')).toBe(
      '/',
    );
  });
});
