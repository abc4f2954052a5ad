/** Render the phase as a student or a lecturer of a course, over a shared in-memory storage. */
import type { PhaseContextValue } from '@coursekit/phase-sdk/react';
import {
  InMemoryStorage,
  type RenderPhaseOptions,
  renderPhase,
} from '@coursekit/phase-sdk/testing';
import type { documents } from '../documents';
import introCourse from '../index';

export const SAM = {
  id: '00000000-0000-4000-8000-000000000001',
  email: 'student1@coursekit.test',
  name: 'Sam Student',
  isAdmin: false,
  isDeveloper: false,
};
export const KIM = {
  id: '00000000-0000-4000-8000-000000000002',
  email: 'student2@coursekit.test',
  name: 'Kim Student',
  isAdmin: false,
  isDeveloper: false,
};
export const LEE = {
  id: '00000000-0000-4000-8000-00000000000a',
  email: 'lecturer@coursekit.test',
  name: 'Lee Lecturer',
  isAdmin: false,
  isDeveloper: false,
};

/** A storage whose participant listing knows Sam and Kim. */
export function courseStorage(): InMemoryStorage {
  return new InMemoryStorage({
    participants: [SAM, KIM].map(({ id, email, name }) => ({ userId: id, email, name })),
  });
}

export function renderIntroCourse(
  as: 'student' | 'lecturer',
  options: {
    storage?: InMemoryStorage;
    value?: Partial<PhaseContextValue>;
    documents?: RenderPhaseOptions<typeof documents>['documents'];
  } = {},
) {
  return renderPhase(introCourse, {
    user: as === 'student' ? SAM : LEE,
    role: as,
    storage: options.storage ?? courseStorage(),
    documents: options.documents,
    value: {
      course: { id: 'c1', slug: 'see', title: 'Software Engineering Essentials', term: 'WS 26' },
      ...options.value,
    },
  });
}
