/** Audit entries read as "field: before → after" lines. */
import { describe, expect, it } from 'vitest';
import { describeChange } from '../audit/describeChange';

describe('describeChange', () => {
  it('lists only the fields that changed', () => {
    expect(
      describeChange(
        { id: 'x', courseId: 'c', title: 'Welcome', enabled: true, config: {} },
        { id: 'x', courseId: 'c', title: 'Welcome', enabled: false, config: { steps: ['a'] } },
      ),
    ).toEqual([
      { field: 'enabled', before: 'true', after: 'false' },
      { field: 'config', before: '{}', after: '{"steps":["a"]}' },
    ]);
  });

  it('lists what was set on creation and what was there on removal', () => {
    expect(describeChange(null, { userId: 'u', role: 'student' })).toEqual([
      { field: 'userId', before: null, after: 'u' },
      { field: 'role', before: null, after: 'student' },
    ]);
    expect(describeChange({ role: 'editor' }, null)).toEqual([
      { field: 'role', before: 'editor', after: null },
    ]);
  });
});
