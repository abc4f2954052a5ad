/**
 * A phase's first-render files (remote entry, ./Phase chunks) start downloading together with its
 * manifest, from the resolve answer, instead of after the manifest: on the first attempt of a
 * remote, on hover (`load`), and for the known answer while a navigation revalidates it.
 */
import { definePhase } from '@coursekit/phase-sdk';
import type { CoreClient } from '@coursekit/phase-sdk/client';
import type { PhasePreload, ResolvedCourse } from '@coursekit/phase-sdk/contract';
import { QueryClient } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeFederationRuntime } from '../../test/fakeFederationRuntime';
import { insertPreloadLinks } from '../insertPreloadLinks';
import { PhaseLoader } from '../PhaseLoader';
import type { PhaseRecovery } from '../PhaseRecovery';
import { startPhaseLoad } from '../startPhaseLoad';

const BASE = 'https://cdn.test/remotes/intro-course/1.0.0/';
const welcome = {
  title: 'Welcome',
  phase: 'intro-course',
  version: '1.0.0',
  remote: {
    name: 'intro-course',
    entry: `${BASE}mf-manifest.json`,
    baseUrl: BASE,
    integrity: {
      'mf-manifest.json': 'sha384-manifest',
      'remoteEntry.js': 'sha384-entry',
      'Phase.1a.js': 'sha384-phase',
    },
    firstRender: { remoteEntry: 'remoteEntry.js', js: ['Phase.1a.js'], css: [] },
  },
};
const FIRST_RENDER = [
  `fetch ${BASE}mf-manifest.json`,
  `script ${BASE}remoteEntry.js sha384-entry`,
  `script ${BASE}Phase.1a.js sha384-phase`,
];

const loaded = { module: { default: definePhase({ component: () => null }) } };
const entryTimedOut = { error: new Error('Script "remoteEntry.js" timed out.') };

function recorder() {
  const calls: string[][] = [];
  const preload = (preloads: readonly PhasePreload[]) => {
    calls.push(preloads.map((p) => [p.as, p.url, p.integrity].filter(Boolean).join(' ')));
  };
  return { calls, preload };
}

describe('PhaseLoader preloads', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('starts the first-render files on the first attempt of a remote, not on retries', async () => {
    const { calls, preload } = recorder();
    const runtime = fakeFederationRuntime(entryTimedOut, loaded);
    const loader = new PhaseLoader({ runtime, preload, backoffMs: 1 });

    await loader.load(welcome);

    expect(runtime.load).toHaveBeenCalledTimes(2);
    expect(calls).toEqual([FIRST_RENDER]);
  });

  it('preload() starts them for a phase not loaded yet, and not again once it loads', async () => {
    const { calls, preload } = recorder();
    const loader = new PhaseLoader({ runtime: fakeFederationRuntime(loaded), preload });

    loader.preload(welcome);
    await loader.load(welcome);
    loader.preload(welcome);

    expect(calls).toEqual([FIRST_RENDER, FIRST_RENDER]);
  });

  it('preloads only the manifest of a version without first-render files, nothing of an override', async () => {
    const { calls, preload } = recorder();
    const loader = new PhaseLoader({ runtime: fakeFederationRuntime(loaded), preload });
    const { firstRender: _, ...older } = welcome.remote;

    await loader.load({ ...welcome, remote: older });
    await loader.load({
      ...welcome,
      title: 'Override',
      remote: { ...welcome.remote, entry: 'http://localhost:3001/mf-manifest.json', integrity: {} },
      devOverride: { descriptorUrl: 'http://localhost:3001/phase.json' },
    });

    expect(calls).toEqual([[`fetch ${BASE}mf-manifest.json`]]);
  });

  it('gives the manifest preload its hash where the host cannot hash it itself', async () => {
    const { calls, preload } = recorder();
    vi.stubGlobal('crypto', {});
    const loader = new PhaseLoader({ runtime: fakeFederationRuntime(loaded), preload });

    await loader.load(welcome);

    expect(calls[0]?.[0]).toBe(`fetch ${BASE}mf-manifest.json sha384-manifest`);
  });
});

describe('startPhaseLoad', () => {
  it('preloads the known answer’s phase at once, while the revalidation is under way', () => {
    const { calls, preload } = recorder();
    const queryClient = new QueryClient();
    const course: ResolvedCourse = {
      course: { id: 'c1', slug: 'c', title: 'C', term: null },
      role: 'student',
      phases: [
        {
          ...welcome,
          coursePhaseId: 'p1',
          courseId: 'c1',
          position: 0,
          kind: 'client-only',
          config: {},
        },
      ],
    };
    queryClient.setQueryData(['courses', 'c1', 'phases'], course);
    const core = { resolveCourse: () => new Promise(() => {}) } as unknown as CoreClient;
    const phaseLoader = new PhaseLoader({ runtime: fakeFederationRuntime(loaded), preload });

    void startPhaseLoad(
      { core, queryClient, phaseLoader, phaseRecovery: {} as PhaseRecovery },
      'c1',
      'p1',
    );

    expect(calls).toEqual([FIRST_RENDER]);
  });
});

describe('insertPreloadLinks', () => {
  afterEach(() => {
    for (const link of document.head.querySelectorAll('link')) link.remove();
  });

  it('adds one preload link per file with its integrity and crossorigin, never two', () => {
    const existing = document.createElement('link');
    existing.rel = 'preload';
    existing.as = 'fetch';
    existing.href = `${BASE}mf-manifest.json`;
    document.head.append(existing);
    const preloads: PhasePreload[] = [
      { url: `${BASE}mf-manifest.json`, as: 'fetch', crossOrigin: 'anonymous' },
      {
        url: `${BASE}remoteEntry.js`,
        as: 'script',
        integrity: 'sha384-entry',
        crossOrigin: 'anonymous',
      },
    ];

    insertPreloadLinks(preloads);
    insertPreloadLinks(preloads);

    const links = [...document.head.querySelectorAll('link[rel="preload"]')].map((link) =>
      ['as', 'href', 'integrity', 'crossorigin'].map((name) => link.getAttribute(name)),
    );
    expect(links).toEqual([
      ['fetch', `${BASE}mf-manifest.json`, null, null],
      ['script', `${BASE}remoteEntry.js`, 'sha384-entry', 'anonymous'],
    ]);
  });
});
