import { describe, expect, it } from 'vitest';
import { PLATFORM_PERMISSIONS, parsePhaseOverride, userCan } from '../index.js';

describe('parsePhaseOverride', () => {
  it('reads <phase>@<descriptor URL>', () => {
    expect(parsePhaseOverride('intro-course@http://localhost:4101/phase.json')).toEqual({
      phase: 'intro-course',
      descriptorUrl: 'http://localhost:4101/phase.json',
    });
    // Only the first @ separates: URLs may hold more.
    expect(parsePhaseOverride('quiz@https://user@cdn.example/quiz/phase.json')).toEqual({
      phase: 'quiz',
      descriptorUrl: 'https://user@cdn.example/quiz/phase.json',
    });
  });

  it('refuses anything else', () => {
    for (const value of [
      '',
      'intro-course',
      '@http://localhost:4101/phase.json',
      'Intro Course@http://localhost:4101/phase.json',
      'intro-course@localhost:4101/phase.json',
      'intro-course@javascript:alert(1)',
      'intro-course@file:///etc/passwd',
    ]) {
      expect(parsePhaseOverride(value), value).toBeNull();
    }
  });
});

describe('platform permissions', () => {
  it('lets admins and developers override phases, and nobody else', () => {
    expect(PLATFORM_PERMISSIONS.overridePhases).toEqual(['admin', 'developer']);
    expect(userCan({ isAdmin: true, isDeveloper: false }, 'overridePhases')).toBe(true);
    expect(userCan({ isAdmin: false, isDeveloper: true }, 'overridePhases')).toBe(true);
    expect(userCan({ isAdmin: false, isDeveloper: false }, 'overridePhases')).toBe(false);
  });
});
