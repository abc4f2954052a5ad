/**
 * Recovery from a phase that shipped broken: an administrator pins a fixed version, and the open
 * page takes it without a reload, by Retry (which reads the course again first) or, where Retry
 * cannot help, as soon as the resolve answer names the new version.
 */
import { definePhase } from '@coursekit/phase-sdk';
import type { ResolvedCourse } from '@coursekit/phase-sdk/contract';
import { usePhase } from '@coursekit/phase-sdk/react';
import { loadRemote } from '@module-federation/enhanced/runtime';
import { fireEvent, screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { COURSE_ID, fakeCore, resolvedCourse, student, WELCOME_ID } from '../../test/fakeCore';
import { renderApp } from '../../test/renderApp';

vi.mock('@module-federation/enhanced/runtime', () => ({
  getInstance: vi.fn(() => null),
  registerRemotes: vi.fn(),
  loadRemote: vi.fn(),
}));

function VersionPhase() {
  const { coursePhase } = usePhase();
  return <h2>Version {coursePhase.version}</h2>;
}

function Crashing(): never {
  throw new Error('a bug of version 1.0.0');
}

/** The sample course with the Welcome phase pinned to `version`. */
function pinned(version: string): ResolvedCourse {
  return {
    ...resolvedCourse,
    phases: resolvedCourse.phases.map((phase) =>
      phase.coursePhaseId === WELCOME_ID
        ? {
            ...phase,
            version,
            remote: {
              ...phase.remote,
              entry: `http://coursekit.test/remotes/intro-course/${version}/mf-manifest.json`,
              baseUrl: `http://coursekit.test/remotes/intro-course/${version}/`,
            },
          }
        : phase,
    ),
  };
}

/** A registry whose resolve answer names 1.0.0 until `fix()` pins 1.0.1. */
function registryWithFix() {
  let answer = pinned('1.0.0');
  const { core, calls } = fakeCore({
    'GET /api/me': { status: 200, body: student },
    [`GET /api/courses/${COURSE_ID}/phases`]: () => ({ status: 200, body: answer }),
  });
  return {
    core,
    resolves: () => calls.filter((call) => call.endsWith('/phases')).length,
    fix: () => {
      answer = pinned('1.0.1');
    },
  };
}

beforeEach(() => {
  vi.mocked(loadRemote).mockReset();
});

describe('a phase that shipped broken', () => {
  it('crashed while rendering: Retry reads the course again and loads the version pinned meanwhile', async () => {
    vi.mocked(loadRemote)
      .mockResolvedValueOnce({ default: definePhase({ component: Crashing }) })
      .mockResolvedValue({ default: definePhase({ component: VersionPhase }) });
    const registry = registryWithFix();
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    renderApp(`/courses/${COURSE_ID}/${WELCOME_ID}`, { core: registry.core });

    const alert = await screen.findByRole('alert');
    expect(alert.getAttribute('data-stage')).toBe('render');
    registry.fix();
    const before = registry.resolves();
    fireEvent.click(within(alert).getByRole('button', { name: 'Retry' }));

    expect(await screen.findByRole('heading', { name: 'Version 1.0.1' })).toBeTruthy();
    expect(registry.resolves()).toBeGreaterThan(before);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('built for another SDK line (no Retry): takes the fixed version once the resolve answer names it', async () => {
    vi.mocked(loadRemote)
      .mockResolvedValueOnce({
        default: { ...definePhase({ component: VersionPhase }), sdkMajor: '9' },
      })
      .mockResolvedValue({ default: definePhase({ component: VersionPhase }) });
    const registry = registryWithFix();
    const { services } = renderApp(`/courses/${COURSE_ID}/${WELCOME_ID}`, { core: registry.core });

    const alert = await screen.findByRole('alert');
    expect(alert.getAttribute('data-stage')).toBe('sdk');
    expect(within(alert).queryByRole('button', { name: 'Retry' })).toBeNull();

    registry.fix();
    // What a revalidation brings (window focus, a navigation): the page takes the new version.
    await services.queryClient.refetchQueries({ queryKey: ['courses', COURSE_ID, 'phases'] });

    expect(await screen.findByRole('heading', { name: 'Version 1.0.1' })).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
