import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeCore, problem, student } from '../../test/fakeCore';
import { renderApp } from '../../test/renderApp';

const signedOut = {
  'GET /api/me': { status: 401, body: problem(401, 'Sign in first.') },
  'GET /api/auth/config': { status: 200, body: { mode: 'dev', loginUrl: null } },
};

describe('sign-in', () => {
  it('sends a signed-out user to the sign-in page', async () => {
    const { core } = fakeCore(signedOut);
    const { router } = renderApp('/courses', { core });

    expect(await screen.findByRole('heading', { name: 'Sign in to Coursekit' })).toBeTruthy();
    expect(router.state.location.pathname).toBe('/sign-in');
    expect(screen.getByLabelText('Email')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Sign in as lecturer@coursekit.test' })).toBeTruthy();
  });

  it('shows the problem detail when signing in fails', async () => {
    const { core } = fakeCore({
      ...signedOut,
      'POST /api/auth/dev-login': (body) => ({
        status: 404,
        body: problem(404, `No user has the email ${(body as { email: string }).email}.`),
      }),
    });
    renderApp('/sign-in', { core });

    fireEvent.change(await screen.findByLabelText('Email'), {
      target: { value: 'nobody@coursekit.test' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('No user has the email nobody@coursekit.test.');
  });

  it('goes to the course list after signing in', async () => {
    let me: typeof student | null = null;
    const { core } = fakeCore({
      ...signedOut,
      'GET /api/me': () =>
        me ? { status: 200, body: me } : { status: 401, body: problem(401, 'Sign in first.') },
      'POST /api/auth/dev-login': () => {
        me = student;
        return { status: 200, body: student };
      },
      'GET /api/courses': { status: 200, body: [] },
    });
    const { router, services } = renderApp('/', { core });
    const tokensBefore = services.phaseApis.for({ coursePhaseId: 'p1', phase: 'intro-course' });

    fireEvent.click(
      await screen.findByRole('button', { name: 'Sign in as student1@coursekit.test' }),
    );

    expect(await screen.findByRole('heading', { name: 'Your courses' })).toBeTruthy();
    expect(router.state.location.pathname).toBe('/courses');
    expect(screen.getByText('student1@coursekit.test')).toBeTruthy();
    expect(await screen.findByText('You are not a member of any course yet.')).toBeTruthy();
    // Phase tokens issued before this sign-in (to whoever was signed in) are forgotten.
    expect(services.phaseApis.for({ coursePhaseId: 'p1', phase: 'intro-course' })).not.toBe(
      tokensBefore,
    );
  });

  it('signs in through the OpenID Connect provider when the registry uses one', async () => {
    const { core } = fakeCore({
      ...signedOut,
      'GET /api/auth/config': {
        status: 200,
        body: { mode: 'oidc', loginUrl: '/api/auth/oidc/login' },
      },
    });
    renderApp('/courses', { core });

    const link = await screen.findByRole('link', { name: 'Sign in with your university account' });
    expect(link.getAttribute('href')).toBe(
      'http://coursekit.test/api/auth/oidc/login?returnTo=%2Fcourses',
    );
    expect(screen.queryByLabelText('Email')).toBeNull();
  });

  it('explains a failed identity-provider sign-in it was sent back from', async () => {
    const { core } = fakeCore({
      ...signedOut,
      'GET /api/auth/config': {
        status: 200,
        body: { mode: 'oidc', loginUrl: '/api/auth/oidc/login' },
      },
    });
    renderApp('/sign-in?error=CK_OIDC_FAILED', { core });

    expect(await screen.findByRole('alert')).toHaveProperty(
      'textContent',
      'Signing in with your university account did not complete (it may have expired). Please try again.',
    );
  });
});
