/**
 * `phasePreloads` lists a phase's first-render files with exactly the attributes the host requests
 * them with: a preload that differs in `integrity` or `crossorigin` makes the browser download twice.
 */
import { describe, expect, it } from 'vitest';
import { type PhaseFirstRender, phasePreloads, type ResolvedPhase } from '../index.js';

const baseUrl = 'https://cdn.example/remotes/quiz/1.0.0/';
const integrity = {
  'mf-manifest.json': 'sha384-manifest',
  'remoteEntry.js': 'sha384-entry',
  '__federation_expose_Phase.1a.js': 'sha384-expose',
  'static/css/Phase.2b.css': 'sha384-css',
};
const firstRender: PhaseFirstRender = {
  remoteEntry: 'remoteEntry.js',
  js: ['__federation_expose_Phase.1a.js'],
  css: ['static/css/Phase.2b.css'],
};

function remote(extra: Partial<ResolvedPhase['remote']> = {}): ResolvedPhase['remote'] {
  return { name: 'quiz', entry: `${baseUrl}mf-manifest.json`, integrity, baseUrl, ...extra };
}

describe('phasePreloads', () => {
  it('lists the manifest, the remote entry and the ./Phase files with their recorded hashes', () => {
    expect(phasePreloads({ remote: remote({ firstRender }) })).toEqual([
      { url: `${baseUrl}mf-manifest.json`, as: 'fetch', crossOrigin: 'anonymous' },
      {
        url: `${baseUrl}remoteEntry.js`,
        as: 'script',
        integrity: 'sha384-entry',
        crossOrigin: 'anonymous',
      },
      {
        url: `${baseUrl}__federation_expose_Phase.1a.js`,
        as: 'script',
        integrity: 'sha384-expose',
        crossOrigin: 'anonymous',
      },
      { url: `${baseUrl}static/css/Phase.2b.css`, as: 'style' },
    ]);
  });

  it('lists only the manifest for a version registered before first-render files were recorded', () => {
    expect(phasePreloads({ remote: remote() })).toEqual([
      { url: `${baseUrl}mf-manifest.json`, as: 'fetch', crossOrigin: 'anonymous' },
    ]);
  });

  it('lists nothing for a development override, whose files are loaded without hashes', () => {
    expect(
      phasePreloads({
        remote: remote({ integrity: {}, firstRender }),
        devOverride: { descriptorUrl: 'http://localhost:3001/phase.json' },
      }),
    ).toEqual([]);
  });

  it('leaves out a script without a recorded hash (the host would refuse it) and duplicates', () => {
    const preloads = phasePreloads({
      remote: remote({
        firstRender: {
          remoteEntry: 'remoteEntry.js',
          js: ['remoteEntry.js', 'unlisted.js', '__federation_expose_Phase.1a.js'],
          css: [],
        },
      }),
    });
    expect(preloads.map((preload) => preload.url)).toEqual([
      `${baseUrl}mf-manifest.json`,
      `${baseUrl}remoteEntry.js`,
      `${baseUrl}__federation_expose_Phase.1a.js`,
    ]);
  });

  it('resolves paths below the build folder of a remote on another origin', () => {
    const other = 'https://bundles.example/b/quiz/1.0.0/';
    const [, entry] = phasePreloads({
      remote: remote({
        baseUrl: other,
        entry: `${other}mf-manifest.json`,
        firstRender: { remoteEntry: 'js/remoteEntry.js', js: [], css: [] },
        integrity: { 'js/remoteEntry.js': 'sha384-entry' },
      }),
    });
    expect(entry).toEqual({
      url: `${other}js/remoteEntry.js`,
      as: 'script',
      integrity: 'sha384-entry',
      crossOrigin: 'anonymous',
    });
  });
});
