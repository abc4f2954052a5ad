/** `renderPhase` seeds are typed by the phase's own documents: a wrong seed does not compile. */
import { expectTypeOf, test } from 'vitest';
import { documents } from '../../client/__tests__/testDocuments.js';
import { definePhase } from '../../index.js';
import { type DocumentSeeds, renderPhase } from '../index.js';

const phase = definePhase({ component: () => null, documents });

test('seeds take the shape of each declared document', () => {
  expectTypeOf<NonNullable<DocumentSeeds<typeof documents>['course']>['shared']>().toEqualTypeOf<
    { steps: { id: string; label: string }[] } | undefined
  >();
  renderPhase(phase, {
    documents: {
      course: { shared: { steps: [{ id: 'a', label: 'A' }] } },
      participant: { own: { 'some-user': { done: ['a'] } } },
    },
  });
  // @ts-expect-error: a step needs a label.
  renderPhase(phase, { documents: { course: { shared: { steps: [{ id: 'a' }] } } } });
  // @ts-expect-error: `done` is a list of step ids.
  renderPhase(phase, { documents: { participant: { own: { 'some-user': { done: 'a' } } } } });
  // @ts-expect-error: the phase declares no participant.restricted document.
  renderPhase(phase, { documents: { participant: { restricted: {} } } });
  // @ts-expect-error: a role is a course role.
  renderPhase(phase, { role: 'admin' });
});
