/**
 * The override bar: the active override named and cleared in one click, refusals shown, and
 * `?phase-override=` only proposing an override: a developer's browser loads another build only
 * after they confirm it, so a link someone sends them cannot run that person's code with their
 * sign-in.
 */
import type { Me, PhaseOverride } from '@coursekit/phase-sdk/contract';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeCore, problem, student } from '../../test/fakeCore';
import { renderApp } from '../../test/renderApp';

const developer: Me = { ...student, user: { ...student.user, isDeveloper: true } };
const OVERRIDE: PhaseOverride = {
  phase: 'intro-course',
  version: '1.2.0-dev',
  descriptorUrl: 'http://localhost:4101/phase.json',
  setAt: '2026-11-29T08:00:00.000Z',
};
const REQUESTED = `intro-course@${OVERRIDE.descriptorUrl}`;

describe('phase override bar', () => {
  it('names the active override and clears it in one click', async () => {
    let overrides = [OVERRIDE];
    const { core, calls } = fakeCore({
      'GET /api/me': { status: 200, body: developer },
      'GET /api/courses': { status: 200, body: [] },
      'GET /api/me/phase-overrides': () => ({ status: 200, body: overrides }),
      'DELETE /api/me/phase-overrides/intro-course': () => {
        overrides = [];
        return { status: 204 };
      },
    });
    renderApp('/courses', { core });

    const banner = await screen.findByRole('region', { name: 'Phase overrides' });
    expect(banner.textContent).toContain('intro-course 1.2.0-dev loads from');
    expect(banner.textContent).toContain(OVERRIDE.descriptorUrl);
    fireEvent.click(screen.getByRole('button', { name: 'Stop overriding intro-course' }));

    await waitFor(() =>
      expect(screen.queryByRole('region', { name: 'Phase overrides' })).toBeNull(),
    );
    expect(calls).toContain('DELETE /api/me/phase-overrides/intro-course');
  });

  it('shows the registry’s refusal to a user without the permission, and drops the parameter', async () => {
    const { core, calls } = fakeCore({
      'GET /api/me': { status: 200, body: student },
      'GET /api/courses': { status: 200, body: [] },
      'PUT /api/me/phase-overrides/intro-course': {
        status: 403,
        body: problem(403, 'This needs the "overridePhases" permission.', 'CK_FORBIDDEN'),
      },
    });
    const { router } = renderApp(`/courses?phase-override=${REQUESTED}`, { core });

    const refusal = await screen.findByRole('alert');
    expect(refusal.textContent).toContain(
      'The phase override was refused: This needs the "overridePhases" permission.',
    );
    await waitFor(() => expect(router.state.location.search).toBe(''));
    expect(router.state.location.pathname).toBe('/courses');
    // A student never asks for a list of overrides they cannot have.
    expect(calls).not.toContain('GET /api/me/phase-overrides');
  });

  it('explains a malformed parameter without asking the registry', async () => {
    const { core, calls } = fakeCore({
      'GET /api/me': { status: 200, body: developer },
      'GET /api/courses': { status: 200, body: [] },
      'GET /api/me/phase-overrides': { status: 200, body: [] },
    });
    renderApp('/courses?phase-override=intro-course', { core });

    const refusal = await screen.findByRole('alert');
    expect(refusal.textContent).toContain('"intro-course" is no phase override');
    expect(calls.some((call) => call.startsWith('PUT'))).toBe(false);
  });
});

const ATTACKER_BUILD = 'https://builds.example/intro-course/phase.json';
const link = `/courses?phase-override=intro-course@${ATTACKER_BUILD}`;
const set: PhaseOverride = {
  phase: 'intro-course',
  version: '9.9.9',
  descriptorUrl: ATTACKER_BUILD,
  setAt: '2026-01-01T00:00:00.000Z',
};

function registry() {
  let overrides: PhaseOverride[] = [];
  return fakeCore({
    'GET /api/me': { status: 200, body: developer },
    'GET /api/courses': { status: 200, body: [] },
    'GET /api/me/phase-overrides': () => ({ status: 200, body: overrides }),
    'PUT /api/me/phase-overrides/intro-course': () => {
      overrides = [set];
      return { status: 200, body: set };
    },
  });
}

const puts = (calls: string[]) => calls.filter((call) => call.startsWith('PUT '));

describe('phase override links', () => {
  it('regression: a ?phase-override= link sets nothing until the developer confirms it', async () => {
    const { core, calls } = registry();
    const { router } = renderApp(link, { core });

    const proposal = await screen.findByRole('group', {
      name: 'Load a phase from another build?',
    });
    expect(proposal.textContent).toContain(`intro-course from ${ATTACKER_BUILD}`);
    expect(puts(calls)).toEqual([]);

    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(router.state.location.search).toBe(''));
    expect(screen.queryByRole('group', { name: 'Load a phase from another build?' })).toBeNull();
    expect(puts(calls)).toEqual([]);
  });

  it('sets the override once the developer confirms, and shows it in the banner', async () => {
    const { core, calls } = registry();
    renderApp(link, { core });

    fireEvent.click(await screen.findByRole('button', { name: 'Load this build' }));

    expect(
      await screen.findByRole('button', { name: 'Stop overriding intro-course' }),
    ).toBeTruthy();
    expect(puts(calls)).toEqual(['PUT /api/me/phase-overrides/intro-course']);
    expect(screen.getByText(ATTACKER_BUILD).tagName).toBe('CODE');
  });
});
