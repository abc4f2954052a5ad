import { definePhase } from '@coursekit/phase-sdk';
import { useCoursePhase, useCurrentUser } from '@coursekit/phase-sdk/react';
import { loadRemote, registerRemotes } from '@module-federation/enhanced/runtime';
import { fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { PhaseBoundary } from '../PhaseBoundary';
import { PhaseLoadError } from '../PhaseLoadError';

vi.mock('@module-federation/enhanced/runtime', () => ({
  registerRemotes: vi.fn(),
  loadRemote: vi.fn(),
}));

import { COURSE_ID, fakeCore, resolvedCourse, student, WELCOME_ID } from '../../test/fakeCore';
import { renderApp } from '../../test/renderApp';
import { PhaseLoader } from '../PhaseLoader';

const mockedLoadRemote = vi.mocked(loadRemote);

function IntroPhase() {
  const { user } = useCurrentUser();
  const { course, coursePhase, basePath } = useCoursePhase();
  return (
    <section>
      <h2>Welcome to {course.title}</h2>
      <p>
        {user.name} in {coursePhase.title} at {basePath}
      </p>
    </section>
  );
}

const flaky = { crash: true };

function Flaky() {
  if (flaky.crash) throw new Error('Cannot read properties of undefined');
  return <p>Phase content</p>;
}

function Failing(): never {
  throw new PhaseLoadError('timeout', 'Welcome', 'intro-course did not load within 15 s.');
}

function Counter() {
  const [count, setCount] = useState(0);
  return (
    <button type="button" onClick={() => setCount(count + 1)}>
      Clicked {count}
    </button>
  );
}

const signedIn = () =>
  fakeCore({
    'GET /api/me': { status: 200, body: student },
    [`GET /api/courses/${COURSE_ID}/phases`]: { status: 200, body: resolvedCourse },
  });

beforeEach(() => {
  mockedLoadRemote.mockReset();
  vi.mocked(registerRemotes).mockReset();
  vi.spyOn(console, 'error').mockImplementation(() => {});
});

describe('PhaseBoundary', () => {
  it('names the phase, offers Retry, and shows the phase once Retry succeeds', async () => {
    mockedLoadRemote.mockRejectedValueOnce(
      new Error('[ Federation Runtime ]: Failed to get manifest. #RUNTIME_003'),
    );
    mockedLoadRemote.mockResolvedValue({ default: definePhase({ component: IntroPhase }) });
    const { core } = signedIn();
    renderApp(`/courses/${COURSE_ID}/${WELCOME_ID}`, {
      core,
      phaseLoader: new PhaseLoader({ attempts: 1 }),
    });

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The phase “Welcome” could not be loaded:');
    expect(alert.textContent).toContain('Failed to get manifest.');
    // The shell keeps working around the failed phase.
    expect(screen.getByRole('navigation', { name: 'Course phases' })).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));

    const outlet = screen.getByTestId('phase-outlet');
    expect(
      await screen.findByRole('heading', { name: 'Welcome to Software Engineering Essentials' }),
    ).toBeTruthy();
    expect(outlet.textContent).toContain(
      `Student One in Welcome at /courses/${COURSE_ID}/${WELCOME_ID}`,
    );
    expect(screen.queryByRole('alert')).toBeNull();
    expect(mockedLoadRemote).toHaveBeenCalledTimes(2);
  });

  it('shows "Loading <phase title>…" until the module is there', async () => {
    let finish: (module: unknown) => void = () => {};
    mockedLoadRemote.mockReturnValue(new Promise((resolve) => (finish = resolve)));
    const { core } = signedIn();
    renderApp(`/courses/${COURSE_ID}/${WELCOME_ID}`, { core });

    expect((await screen.findByText('Loading Welcome…')).getAttribute('role')).toBe('status');
    finish({ default: definePhase({ component: IntroPhase }) });
    expect(
      await screen.findByRole('heading', { name: 'Welcome to Software Engineering Essentials' }),
    ).toBeTruthy();
  });

  it('catches a phase that crashes while rendering and renders it again on Retry', () => {
    flaky.crash = true;
    const onRetry = vi.fn(() => {
      flaky.crash = false;
    });
    render(
      <div>
        <p>Shell navigation</p>
        <PhaseBoundary phaseTitle="Welcome" onRetry={onRetry}>
          <Flaky />
        </PhaseBoundary>
      </div>,
    );

    expect(screen.getByRole('alert').textContent).toContain(
      'The phase “Welcome” stopped working: Cannot read properties of undefined',
    );
    expect(screen.getByText('Shell navigation')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));

    expect(onRetry).toHaveBeenCalledOnce();
    expect(screen.getByText('Phase content')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('tells a load error in the words of the phase it happened to', () => {
    render(
      <PhaseBoundary phaseTitle="Team kick-off">
        <Failing />
      </PhaseBoundary>,
    );
    expect(screen.getByRole('alert').textContent).toContain(
      'The phase “Team kick-off” could not be loaded: intro-course did not load within 15 s.',
    );
  });

  it('starts clean when the user moves to another course phase', async () => {
    mockedLoadRemote.mockResolvedValue({ default: definePhase({ component: Counter }) });
    const { core } = signedIn();
    const { router } = renderApp(`/courses/${COURSE_ID}/${WELCOME_ID}`, { core });

    fireEvent.click(await screen.findByRole('button', { name: 'Clicked 0' }));
    expect(screen.getByRole('button', { name: 'Clicked 1' })).toBeTruthy();

    fireEvent.click(screen.getByRole('link', { name: 'Team kick-off' }));

    expect(await screen.findByRole('button', { name: 'Clicked 0' })).toBeTruthy();
    expect(router.state.location.pathname).toMatch(/\/courses\/[^/]+\/[^/]+$/);
    expect(screen.getByRole('link', { name: 'Team kick-off' }).getAttribute('aria-current')).toBe(
      'page',
    );
    // Same phase version: one download for both course phases.
    expect(mockedLoadRemote).toHaveBeenCalledTimes(1);
  });
});
