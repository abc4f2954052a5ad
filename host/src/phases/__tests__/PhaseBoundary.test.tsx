import { definePhase } from '@coursekit/phase-sdk';
import { useCoursePhase, useCurrentUser } from '@coursekit/phase-sdk/react';
import { fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { COURSE_ID, fakeCore, resolvedCourse, student, WELCOME_ID } from '../../test/fakeCore';
import { fakeFederationRuntime } from '../../test/fakeFederationRuntime';
import { renderApp } from '../../test/renderApp';
import { PhaseBoundary } from '../PhaseBoundary';
import { PhaseLoadError } from '../PhaseLoadError';
import { PhaseLoader } from '../PhaseLoader';
import { PagePolicyBlocks } from '../pagePolicyBlocks';
import { RemoteLoadError } from '../RemoteLoadError';

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

function Counter() {
  const [count, setCount] = useState(0);
  return (
    <button type="button" onClick={() => setCount(count + 1)}>
      Clicked {count}
    </button>
  );
}

const welcomeRef = {
  title: 'Welcome',
  remote: { name: 'intro-course', entry: 'http://coursekit.test/mf-manifest.json' },
};

const signedIn = () =>
  fakeCore({
    'GET /api/me': { status: 200, body: student },
    [`GET /api/courses/${COURSE_ID}/phases`]: { status: 200, body: resolvedCourse },
  });

/** A manifest answered 404: not transient, so nothing retries it in the background. */
const manifestRuntimeError = new RemoteLoadError(
  'manifest',
  'intro-course',
  'the manifest answered HTTP 404 Not Found',
  {
    status: 404,
    cause: new Error('[ Federation Runtime ]: Failed to get manifest. #RUNTIME-003'),
  },
);

beforeEach(() => {
  vi.spyOn(console, 'error').mockImplementation(() => {});
});

describe('PhaseBoundary and the phase slot', () => {
  it('names the phase in plain words, offers Retry, and shows the phase once Retry succeeds', async () => {
    const runtime = fakeFederationRuntime(
      { error: manifestRuntimeError },
      { module: { default: definePhase({ component: IntroPhase }) } },
    );
    const { core } = signedIn();
    renderApp(`/courses/${COURSE_ID}/${WELCOME_ID}`, {
      core,
      phaseLoader: new PhaseLoader({ runtime, attempts: 1 }),
    });

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('“Welcome” could not be reached.');
    // Module Federation's own words stay in the folded-away diagnostic.
    const headline = alert.querySelector('.ck-error-title')?.textContent ?? '';
    expect(headline).not.toMatch(/RUNTIME|Federation/);
    expect(alert.querySelector('details pre')?.textContent).toContain('stage: manifest');
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
    expect(runtime.load).toHaveBeenCalledTimes(2);
  });

  it('offers no Retry for a phase built for another SDK line', async () => {
    const runtime = fakeFederationRuntime({
      module: { default: { ...definePhase({ component: IntroPhase }), sdkMajor: '9' } },
    });
    renderApp(`/courses/${COURSE_ID}/${WELCOME_ID}`, {
      core: signedIn().core,
      phaseLoader: new PhaseLoader({ runtime }),
    });

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('“Welcome” was built for another version of Coursekit.');
    expect(screen.queryByRole('button', { name: 'Retry' })).toBeNull();
  });

  it('regression: tells a phase the page may not load from any more to reload the page, with a button that does', async () => {
    const pagePolicy = new PagePolicyBlocks();
    pagePolicy.record('http://coursekit.test/remotes/intro-course/1.0.0/remoteEntry.js');
    const runtime = fakeFederationRuntime({ error: new TypeError('Failed to fetch') });
    const reload = vi.fn();
    vi.spyOn(window, 'location', 'get').mockReturnValue({ ...window.location, reload });
    renderApp(`/courses/${COURSE_ID}/${WELCOME_ID}`, {
      core: signedIn().core,
      phaseLoader: new PhaseLoader({ runtime, pagePolicy }),
    });

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('“Welcome” has moved to a new address.');
    expect(alert.textContent).toContain('Reload the page to load the phase.');
    expect(screen.queryByRole('button', { name: 'Retry' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Reload page' }));
    expect(reload).toHaveBeenCalledTimes(1);
    expect(runtime.load).toHaveBeenCalledTimes(1);
    vi.restoreAllMocks();
  });

  it('shows "Loading <phase title>…" once the load takes longer than a moment', async () => {
    const runtime = fakeFederationRuntime('hang');
    renderApp(`/courses/${COURSE_ID}/${WELCOME_ID}`, {
      core: signedIn().core,
      phaseLoader: new PhaseLoader({ runtime }),
    });

    expect((await screen.findByText('Loading Welcome…')).getAttribute('role')).toBe('status');
  });

  it('names the course and the phase in the page title', async () => {
    const runtime = fakeFederationRuntime({
      module: { default: definePhase({ component: IntroPhase }) },
    });
    renderApp(`/courses/${COURSE_ID}/${WELCOME_ID}`, {
      core: signedIn().core,
      phaseLoader: new PhaseLoader({ runtime }),
    });
    await screen.findByRole('heading', { name: 'Welcome to Software Engineering Essentials' });
    expect(document.title).toBe('Welcome · Software Engineering Essentials · Coursekit');
  });

  it('catches a phase that crashes while rendering and renders it again once Retry settled', async () => {
    flaky.crash = true;
    const onRetry = vi.fn(() => {
      flaky.crash = false;
    });
    render(
      <div>
        <p>Shell navigation</p>
        <PhaseBoundary phase={welcomeRef} onRetry={onRetry}>
          <Flaky />
        </PhaseBoundary>
      </div>,
    );

    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('“Welcome” stopped working.');
    expect(alert.getAttribute('data-stage')).toBe('render');
    expect(alert.querySelector('details pre')?.textContent).toContain(
      'Cannot read properties of undefined',
    );
    expect(screen.getByText('Shell navigation')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));

    expect(onRetry).toHaveBeenCalledOnce();
    expect(await screen.findByText('Phase content')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('tells a load error in the words of the phase it happened to', () => {
    function Failing(): never {
      throw new PhaseLoadError('entry', 'Welcome', 'remoteEntry.js answered HTTP 500', {
        status: 500,
      });
    }
    render(
      <PhaseBoundary phase={{ ...welcomeRef, title: 'Team kick-off' }}>
        <Failing />
      </PhaseBoundary>,
    );
    expect(screen.getByRole('alert').textContent).toContain(
      '“Team kick-off” could not be started.',
    );
  });

  it('starts clean when the user moves to another course phase', async () => {
    const runtime = fakeFederationRuntime({
      module: { default: definePhase({ component: Counter }) },
    });
    const { router } = renderApp(`/courses/${COURSE_ID}/${WELCOME_ID}`, {
      core: signedIn().core,
      phaseLoader: new PhaseLoader({ runtime }),
    });

    fireEvent.click(await screen.findByRole('button', { name: 'Clicked 0' }));
    expect(screen.getByRole('button', { name: 'Clicked 1' })).toBeTruthy();

    fireEvent.click(screen.getByRole('link', { name: 'Team kick-off' }));

    expect(await screen.findByRole('button', { name: 'Clicked 0' })).toBeTruthy();
    expect(router.state.location.pathname).toMatch(/\/courses\/[^/]+\/[^/]+$/);
    expect(screen.getByRole('link', { name: 'Team kick-off' }).getAttribute('aria-current')).toBe(
      'page',
    );
    // Same phase version: one download for both course phases.
    expect(runtime.load).toHaveBeenCalledTimes(1);
  });
});
