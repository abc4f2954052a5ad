/** The pure parts of the student's list: its starting order, one move, and how ranks read. */
import { describe, expect, it } from 'vitest';
import { ordinal } from '../ordinal';
import { initialOrder, moveItem } from '../student/rankingOrder';
import { topic } from './fixtures';

describe('initialOrder', () => {
  const [a, b, c] = [topic('A'), topic('B'), topic('C')];

  it('is the lecturer’s order before the first save', () => {
    expect(initialOrder([a, b, c], [])).toEqual({ topics: [a, b, c], unranked: [] });
  });

  it('is the saved order, without deleted topics, then the new ones', () => {
    expect(initialOrder([a, b, c], [c.id, 'deleted', a.id])).toEqual({
      topics: [c, a, b],
      unranked: [b],
    });
  });
});

describe('moveItem', () => {
  it('moves an item and leaves the input alone', () => {
    const items = ['a', 'b', 'c', 'd'];
    expect(moveItem(items, 3, 0)).toEqual(['d', 'a', 'b', 'c']);
    expect(moveItem(items, 0, 2)).toEqual(['b', 'c', 'a', 'd']);
    expect(moveItem(items, 1, 99)).toEqual(['a', 'c', 'd', 'b']);
    expect(items).toEqual(['a', 'b', 'c', 'd']);
  });
});

describe('ordinal', () => {
  it.each([
    [1, '1st'],
    [2, '2nd'],
    [3, '3rd'],
    [4, '4th'],
    [11, '11th'],
    [12, '12th'],
    [13, '13th'],
    [21, '21st'],
    [102, '102nd'],
  ])('%i → %s', (n, text) => expect(ordinal(n)).toBe(text));
});
