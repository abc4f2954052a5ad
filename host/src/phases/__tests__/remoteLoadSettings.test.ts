import { integrityOf } from '@coursekit/phase-sdk/contract';
import { describe, expect, it } from 'vitest';
import { classifyRemoteError } from '../RemoteLoadError';
import { expectedIntegrity, freshUrl, type RemoteLoadSettings } from '../remoteLoadSettings';

const settings: RemoteLoadSettings = {
  generation: 0,
  baseUrl: 'https://cdn.test/remotes/quiz/1.0.0/',
  integrity: {
    'mf-manifest.json': 'sha384-AAA',
    'remoteEntry.js': 'sha384-BBB',
    'chunks/a b.js': 'sha384-CCC',
  },
  enforceIntegrity: true,
  requestTimeoutMs: 1_000,
  stage: 'manifest',
};

describe('remote load settings', () => {
  it('finds a file’s recorded hash exactly as the contract’s integrityOf does', () => {
    for (const url of [
      'https://cdn.test/remotes/quiz/1.0.0/remoteEntry.js',
      'https://cdn.test/remotes/quiz/1.0.0/remoteEntry.js?ck-load=3',
      'https://cdn.test/remotes/quiz/1.0.0/chunks/a%20b.js',
      'https://cdn.test/remotes/quiz/1.0.0/unlisted.js',
      'https://cdn.test/remotes/quiz/2.0.0/remoteEntry.js',
      'https://elsewhere.test/remoteEntry.js',
      'https://cdn.test/remotes/quiz/1.0.0/toString',
    ]) {
      expect(expectedIntegrity(settings, url), url).toBe(integrityOf(settings, url));
    }
  });

  it('gives every attempt after the first a URL of its own', () => {
    const url = 'https://cdn.test/remotes/quiz/1.0.0/remoteEntry.js';
    expect(freshUrl(url, 0)).toBe(url);
    expect(freshUrl(url, 2)).toBe(`${url}?ck-load=2`);
  });
});

describe('classifyRemoteError', () => {
  const runtime = (code: string, original = '') =>
    new Error(
      `[ Federation Runtime ]: Something. #${code}\nargs: {"resourceUrl":"https://cdn.test/remoteEntry.js"}${original ? `\nOriginal Error Message:\n ${original}` : ''}`,
    );

  it.each([
    ['RUNTIME-003', '', 'manifest'],
    ['RUNTIME-008', 'ScriptNetworkError: Failed to load script', 'entry'],
    ['RUNTIME-001', '', 'entry'],
    ['RUNTIME-014', '', 'expose'],
    ['RUNTIME-006', '', 'shared'],
  ])('tells %s by its stage', (code, original, stage) => {
    expect(classifyRemoteError(runtime(code, original), 'quiz').stage).toBe(stage);
  });

  it('marks a script that timed out as timed out, with its URL', () => {
    const failure = classifyRemoteError(
      runtime('RUNTIME-008', 'ScriptNetworkError: Script "x" timed out.'),
      'quiz',
    );
    expect(failure.options).toMatchObject({
      timedOut: true,
      url: 'https://cdn.test/remoteEntry.js',
    });
  });

  it('finds the URL of a chunk that did not load', () => {
    const failure = classifyRemoteError(
      new Error('Loading chunk 390 failed.\n(error: https://cdn.test/390.1b6b.js)'),
      'quiz',
    );
    expect(failure.stage).toBe('entry');
    expect(failure.options.url).toBe('https://cdn.test/390.1b6b.js');
  });
});
