/** The error catalogue and its documentation stay in sync: every code documented, with its status. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERROR_CATALOGUE } from '../errors.js';

const doc = readFileSync(new URL('../../../docs/errors.md', import.meta.url), 'utf8');
const documented = new Map(
  [...doc.matchAll(/^\|\s*`(CK_[A-Z_]+)`\s*\|\s*(\d{3})\s*\|/gm)].map((m) => [m[1], Number(m[2])]),
);

describe('error catalogue', () => {
  it('documents every code with its status, and nothing else', () => {
    const catalogue = new Map(
      Object.entries(ERROR_CATALOGUE.entries).map(([code, { status }]) => [code, status]),
    );
    expect(documented).toEqual(catalogue);
  });
});
