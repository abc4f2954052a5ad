/**
 * `renderPhase(phase, options)`: render a whole phase (the value of `definePhase`) in a unit test
 * as the host would, as one user with one role, over the test kit's in-memory storage (with the
 * registry's access rules) and, for a phase with a server, that server faked from its contract.
 * The documents to start from are typed by the phase's own `defineDocuments`, so a seed of the
 * wrong shape does not compile.
 */
import { type RenderResult, render } from '@testing-library/react';
import type { z } from 'zod';
import type { AnyPhaseDocuments, DocumentHandle } from '../client/defineDocuments.js';
import type { CourseRole, User } from '../contract/index.js';
import type { PhaseDefinition } from '../definePhase.js';
import type { PhaseContextValue } from '../react/index.js';
import type { FakePhaseServer } from './fakePhaseServer.js';
import { type InMemoryParticipant, InMemoryStorage } from './InMemoryStorage.js';
import { TestPhaseProvider } from './TestPhaseProvider.js';

/** What a document of handle `H` may be seeded with: its schema's input. */
type SeedOf<H> = H extends DocumentHandle<infer S extends z.ZodType> ? z.input<S> : never;

/**
 * The documents a test starts from, by the phase's own declaration: course-phase documents by
 * scope, participant documents by scope and user id.
 */
export type DocumentSeeds<D extends AnyPhaseDocuments> = {
  course?: { [K in keyof D['course']]?: SeedOf<D['course'][K]> };
  participant?: { [K in keyof D['participant']]?: Record<string, SeedOf<D['participant'][K]>> };
};

export interface RenderPhaseOptions<D extends AnyPhaseDocuments> {
  /** The signed-in user. Default: Student One (`student1@coursekit.test`). */
  user?: User;
  /** Their role in the course; `null` for a non-member. Default `student`. */
  role?: CourseRole | null;
  /** Stored before the phase renders, as if written earlier (typed by the phase's documents). */
  documents?: DocumentSeeds<D>;
  /** The course's students, as the staff listing returns them. Default: none. */
  participants?: readonly InMemoryParticipant[];
  /** A storage to share with another render (two users, two tabs). Default: a new one. */
  storage?: InMemoryStorage;
  /** The phase's own server, faked from its contract with `fakePhaseServer`. */
  server?: FakePhaseServer;
  /** Any other part of the PhaseContext (course, coursePhase with its config, navigate, ...). */
  value?: Partial<PhaseContextValue>;
}

export interface RenderedPhase extends RenderResult {
  /** The storage behind the phase: `peek` what was saved, `seed` someone else's write. */
  storage: InMemoryStorage;
  server: FakePhaseServer | undefined;
}

/**
 * @example
 * const { storage } = renderPhase(introCourse, {
 *   role: 'lecturer',
 *   documents: { course: { shared: { steps: [{ id: 'a', label: 'Read the syllabus' }] } } },
 * });
 * await screen.findByText('Read the syllabus');
 */
export function renderPhase<D extends AnyPhaseDocuments>(
  phase: PhaseDefinition<D>,
  options: RenderPhaseOptions<NoInfer<D>> = {},
): RenderedPhase {
  const storage = options.storage ?? new InMemoryStorage({ participants: options.participants });
  const seeds = options.documents ?? {};
  for (const [scope, doc] of Object.entries(seeds.course ?? {})) {
    const handle = phase.documents?.course[scope as keyof D['course']] as DocumentHandle;
    if (doc !== undefined) storage.seed(handle ?? undeclared('course', scope), doc);
  }
  for (const [scope, byUser] of Object.entries(seeds.participant ?? {})) {
    const handle = phase.documents?.participant[scope as keyof D['participant']] as DocumentHandle;
    for (const [userId, doc] of Object.entries((byUser ?? {}) as Record<string, unknown>)) {
      storage.seed(handle ?? undeclared('participant', scope), doc, userId);
    }
  }
  const Component = phase.component;
  const value: Partial<PhaseContextValue> = {
    ...(options.user ? { user: options.user } : {}),
    ...(options.role !== undefined ? { role: options.role } : {}),
    ...options.value,
  };
  const view = render(
    <TestPhaseProvider value={value} storage={storage} server={options.server}>
      <Component />
    </TestPhaseProvider>,
  );
  return Object.assign(view, { storage, server: options.server });
}

function undeclared(level: string, scope: string): never {
  throw new TypeError(
    `renderPhase: the phase declares no ${level}.${scope} document; add it to its defineDocuments or remove the seed.`,
  );
}
