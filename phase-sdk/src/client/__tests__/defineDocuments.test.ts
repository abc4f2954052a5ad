/**
 * `defineDocuments` and `definePhase({ documents })` at run time: a JavaScript phase (or a cast)
 * that gets them wrong hears what to write instead.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineDocuments, definePhase, isPhaseDefinition } from '../../index.js';
import { Checklist, documents, mergeSteps } from './testDocuments.js';

const loose = defineDocuments as (schemas: unknown) => unknown;

describe('defineDocuments', () => {
  it('gives one frozen handle per declared scope', () => {
    expect(documents.course.shared).toEqual({
      level: 'course',
      scope: 'shared',
      schema: Checklist,
      merge: mergeSteps,
    });
    expect(documents.course.restricted).toEqual({
      level: 'course',
      scope: 'restricted',
      schema: Checklist,
    });
    expect(documents.participant.own.level).toBe('participant');
    expect(Object.isFrozen(documents.course.shared)).toBe(true);
    expect('restricted' in documents.participant).toBe(false);
  });

  it('asks for a function as a merge', () => {
    expect(() => loose({ course: { shared: { schema: Checklist, merge: 'theirs' } } })).toThrow(
      'defineDocuments: the merge of course.shared must be a function (base, mine, theirs) => merged, got string.',
    );
  });

  it('names the scopes that exist when given one that does not', () => {
    expect(() => loose({ course: { shard: z.string() } })).toThrow(
      'defineDocuments: "shard" is not a course scope; use course.shared or course.restricted.',
    );
    expect(() => loose({ courses: {} })).toThrow(/"courses" is not a document level/);
  });

  it('asks for a zod schema', () => {
    expect(() => loose({ participant: { own: { done: [] } } })).toThrow(
      /participant\.own must be a zod schema/,
    );
  });
});

describe('definePhase documents', () => {
  it('carries the documents with the component', () => {
    const phase = definePhase({ component: () => null, documents });
    expect(isPhaseDefinition(phase)).toBe(true);
    expect(phase.documents).toBe(documents);
    expect(definePhase({ component: () => null }).documents).toBeNull();
  });

  it('refuses documents that do not come from defineDocuments', () => {
    expect(() =>
      definePhase({
        component: () => null,
        documents: { course: {} } as unknown as typeof documents,
      }),
    ).toThrow(/takes the value of defineDocuments/);
  });
});
