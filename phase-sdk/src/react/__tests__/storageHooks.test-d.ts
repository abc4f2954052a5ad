/**
 * The storage API is typed from the schemas given to `defineDocuments`: what a hook returns, what
 * `save` accepts, and which handle goes with which hook. Wrong usage must not compile; the
 * `@ts-expect-error` lines fail the typecheck the day it does.
 */
import { describe, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import type { TypedParticipant } from '../../client/index.js';
import { type DocumentData, defineDocument, defineDocuments, definePhase } from '../../index.js';
import {
  type DocumentState,
  useCourseData,
  useMyData,
  useParticipantData,
  useParticipants,
} from '../index.js';

const Checklist = z.object({ steps: z.array(z.object({ id: z.string(), label: z.string() })) });
type Checklist = z.infer<typeof Checklist>;
const Progress = z.object({ done: z.array(z.string()) });
type Progress = z.infer<typeof Progress>;

const documents = defineDocuments({
  course: { shared: Checklist },
  participant: { own: Progress },
});

describe('defineDocuments', () => {
  it('gives a handle per declared scope, typed by its schema', () => {
    expectTypeOf<DocumentData<typeof documents.course.shared>>().toEqualTypeOf<Checklist>();
    expectTypeOf<DocumentData<typeof documents.participant.own>>().toEqualTypeOf<Progress>();
    expectTypeOf(documents.course.shared.level).toEqualTypeOf<'course'>();
    expectTypeOf(documents.participant.own.level).toEqualTypeOf<'participant'>();
  });

  it('has no handle for a scope that was not declared', () => {
    // @ts-expect-error restricted was not declared
    void documents.course.restricted;
    // @ts-expect-error restricted was not declared
    void documents.participant.restricted;
  });

  it('refuses scopes that do not exist', () => {
    // @ts-expect-error `shard` is not a course scope
    defineDocuments({ course: { shard: Checklist } });
    // @ts-expect-error `own` is a participant scope, not a course scope
    defineDocuments({ course: { shared: Checklist, own: Progress } });
    // @ts-expect-error a schema is needed, not a plain object
    defineDocuments({ participant: { own: { done: [] } } });
  });

  it('types the merge of a document by its schema', () => {
    const merged = defineDocuments({
      course: {
        shared: defineDocument(Checklist, {
          merge: (base, mine, theirs) => {
            expectTypeOf(base).toEqualTypeOf<Checklist | undefined>();
            return { steps: [...theirs.steps, ...mine.steps] };
          },
        }),
      },
    });
    expectTypeOf<DocumentData<typeof merged.course.shared>>().toEqualTypeOf<Checklist>();
    // @ts-expect-error a merge returns the document
    defineDocument(Checklist, { merge: () => ({ done: [] }) });
  });

  it('is what definePhase takes as documents', () => {
    const phase = definePhase({ component: () => null, documents });
    expectTypeOf(phase.documents).toEqualTypeOf<typeof documents | null>();
    // @ts-expect-error documents come from defineDocuments, not a bare object of schemas
    definePhase({ component: () => null, documents: { course: { shared: Checklist } } });
  });
});

describe('storage hooks', () => {
  it('type data and save from the handle', () => {
    const checklist = useCourseData(documents.course.shared);
    expectTypeOf(checklist).toEqualTypeOf<DocumentState<Checklist>>();
    expectTypeOf(checklist.data).toEqualTypeOf<Checklist | undefined>();
    checklist.save((current) => ({ steps: [...(current?.steps ?? [])] }));
    checklist.edit({ steps: [{ id: 'a', label: 'A' }] });
    checklist.edit((current) => ({ steps: [...(current?.steps ?? [])] }));
    expectTypeOf(checklist.draft?.data).toEqualTypeOf<Checklist | undefined>();
    expectTypeOf(checklist.conflict?.merged).toEqualTypeOf<Checklist | undefined>();
    expectTypeOf(useMyData(documents.participant.own).data).toEqualTypeOf<Progress | undefined>();
    expectTypeOf(useParticipantData(documents.participant.own, 'user-id').data).toEqualTypeOf<
      Progress | undefined
    >();
  });

  it('refuse to save a document of the wrong shape', () => {
    const checklist = useCourseData(documents.course.shared);
    // @ts-expect-error a value the user edited is a draft (edit, saveDraft): it keeps its version
    checklist.save({ steps: [{ id: 'a', label: 'A' }] });
    // @ts-expect-error a step needs a label
    checklist.edit({ steps: [{ id: 'a' }] });
    // @ts-expect-error the progress document is not a checklist
    checklist.edit({ done: ['a'] });
    // @ts-expect-error the updater must return a checklist too
    checklist.save(() => ({ done: [] }));
    const progress = useMyData(documents.participant.own);
    // @ts-expect-error done is a list of step ids
    progress.save((current) => ({ done: current?.done.length }));
  });

  it('refuse a handle of the other level', () => {
    // @ts-expect-error a participant document is not a course-phase document
    useCourseData(documents.participant.own);
    // @ts-expect-error a course-phase document has no owner
    useMyData(documents.course.shared);
    // @ts-expect-error a course-phase document has no owner
    useParticipantData(documents.course.shared, 'user-id');
    // @ts-expect-error participants are listed with a participant document
    useParticipants(documents.course.shared);
    // @ts-expect-error whose document? the user id is missing
    useParticipantData(documents.participant.own);
  });

  it('list participants with typed items', () => {
    const participants = useParticipants(documents.participant.own, { pageSize: 20 });
    expectTypeOf(participants.items).toEqualTypeOf<TypedParticipant<Progress>[]>();
    expectTypeOf(participants.items[0]?.data).toEqualTypeOf<Progress | undefined>();
  });
});
