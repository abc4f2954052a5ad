/** `integrityOf` finds the recorded hash of a URL the host loads, and nothing outside the build. */
import { describe, expect, it } from 'vitest';
import { integrityOf } from '../index.js';

const remote = {
  baseUrl: 'https://cdn.example/remotes/quiz/1.0.0/',
  integrity: {
    'remoteEntry.js': 'sha384-entry',
    'static/js/1 2.js': 'sha384-chunk',
  },
};

describe('integrityOf', () => {
  it('looks a file up by its path relative to the build folder', () => {
    expect(integrityOf(remote, 'https://cdn.example/remotes/quiz/1.0.0/remoteEntry.js')).toBe(
      'sha384-entry',
    );
    expect(integrityOf(remote, 'https://cdn.example/remotes/quiz/1.0.0/static/js/1%202.js')).toBe(
      'sha384-chunk',
    );
  });

  it('ignores a query or fragment a loader appends', () => {
    expect(integrityOf(remote, 'https://cdn.example/remotes/quiz/1.0.0/remoteEntry.js?t=1#x')).toBe(
      'sha384-entry',
    );
  });

  it('knows nothing outside the build folder, however the path is written', () => {
    for (const url of [
      'https://cdn.example/remotes/quiz/1.0.1/remoteEntry.js',
      'https://cdn.example/remotes/quiz/1.0.0/../1.0.1/remoteEntry.js',
      'https://evil.example/remotes/quiz/1.0.0/remoteEntry.js',
      'https://cdn.example/remotes/quiz/1.0.0/unknown.js',
      'https://cdn.example/remotes/quiz/1.0.0/constructor',
    ]) {
      expect(integrityOf(remote, url)).toBeUndefined();
    }
  });
});
