/**
 * `diffJson`: what someone else changed, as a conflict dialog shows it. Items with ids read as
 * added, removed, renamed or moved, not as every later index changing.
 */
import { describe, expect, it } from 'vitest';
import { describeJsonChange, diffJson } from '../index.js';

const describe_ = (before: unknown, after: unknown) =>
  diffJson(before, after).map(describeJsonChange);

describe('diffJson', () => {
  it('finds nothing between equal documents', () => {
    expect(diffJson({ a: [1, { b: null }] }, { a: [1, { b: null }] })).toEqual([]);
  });

  it('compares objects key by key and plain arrays index by index', () => {
    expect(
      describe_({ title: 'A', tags: ['x', 'y'], gone: 1 }, { title: 'B', tags: ['x'], new: true }),
    ).toEqual([
      'changed title from "A" to "B"',
      'removed tags[1] (was "y")',
      'removed gone (was 1)',
      'added new: true',
    ]);
  });

  it('compares items with ids by id: added, removed, renamed and moved', () => {
    const before = {
      steps: [
        { id: 'a', label: 'A' },
        { id: 'b', label: 'B' },
        { id: 'c', label: 'C' },
      ],
    };
    const after = {
      steps: [
        { id: 'c', label: 'C' },
        { id: 'a', label: 'A2' },
        { id: 'd', label: 'D' },
      ],
    };
    expect(diffJson(before, after)).toEqual([
      { path: ['steps', { id: 'b' }], kind: 'removed', before: { id: 'b', label: 'B' } },
      { path: ['steps', { id: 'a' }, 'label'], kind: 'changed', before: 'A', after: 'A2' },
      { path: ['steps', { id: 'd' }], kind: 'added', after: { id: 'd', label: 'D' } },
      { path: ['steps'], kind: 'reordered', before: ['a', 'c'], after: ['c', 'a'] },
    ]);
  });

  it('treats a document not written yet as undefined', () => {
    expect(describe_(undefined, { steps: [] })).toEqual(['added (the document): {"steps":[]}']);
    expect(describe_({ steps: [] }, { steps: [{ id: 'a', label: 'A' }] })).toEqual([
      'added steps[id=a]: {"id":"a","label":"A"}',
    ]);
  });

  it('cuts long values', () => {
    expect(describe_({ note: 'x' }, { note: 'y'.repeat(100) })[0]).toMatch(
      /^changed note from "x" to "y{56}…$/,
    );
  });
});
