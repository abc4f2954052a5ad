// @vitest-environment happy-dom
/**
 * The storage hooks against a fake registry (a fake `fetch` behind the real storage client): what
 * a phase shows while loading, after saving, when a save fails (rolled back), when someone else
 * saved first (merged with an updater, reported with a plain value) and when a stored document no
 * longer matches the schema.
 */
import { act, cleanup, renderHook, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import {
  COURSE_PHASE_ID,
  fakeStorageRegistry,
  OTHER_STUDENT_ID,
  paths,
  STUDENT_ID,
} from '../../client/__tests__/fakeStorageRegistry.js';
import { documents, tick } from '../../client/__tests__/testDocuments.js';
import {
  DocumentSchemaError,
  describeJsonChange,
  StorageClient,
  VersionConflictError,
} from '../../client/index.js';
import { createTestQueryClient, TestPhaseProvider } from '../../testing/index.js';
import {
  type PhaseContextValue,
  useCourseData,
  useMyData,
  useParticipantData,
  useParticipants,
} from '../index.js';

afterEach(cleanup);

const participants = [
  { userId: STUDENT_ID, email: 'student1@coursekit.test', name: 'Ann Student' },
  { userId: OTHER_STUDENT_ID, email: 'student2@coursekit.test', name: 'Kim Student' },
];

function setup(value: Partial<PhaseContextValue> = {}) {
  const registry = fakeStorageRegistry({ participants });
  const storage = StorageClient.forCoursePhase(registry.core, COURSE_PHASE_ID);
  const queryClient = createTestQueryClient();
  const render = <R,>(hook: () => R) =>
    renderHook(hook, {
      wrapper: ({ children }) => (
        <TestPhaseProvider value={{ storage, ...value }} queryClient={queryClient}>
          {children}
        </TestPhaseProvider>
      ),
    });
  return { registry, storage, render };
}

/** A promise to hold a request in flight until the test releases it. */
function gate() {
  let release = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  return { held, release };
}

const step = (id: string, label: string) => ({ id, label });

describe('useCourseData', () => {
  it('is pending, then shows the stored document with its version', async () => {
    const { registry, render } = setup();
    registry.writeElsewhere(paths.shared, { steps: [step('a', 'Read the syllabus')] });
    const { result } = render(() => useCourseData(documents.course.shared));
    expect(result.current.status).toBe('pending');
    expect(result.current.data).toBeUndefined();
    await waitFor(() => expect(result.current.status).toBe('success'));
    expect(result.current.data).toEqual({ steps: [step('a', 'Read the syllabus')] });
    expect(result.current.version).toBe(1);
  });

  it('shows nothing stored as data undefined at version 0', async () => {
    const { render } = setup();
    const { result } = render(() => useCourseData(documents.course.shared));
    await waitFor(() => expect(result.current.status).toBe('success'));
    expect(result.current.data).toBeUndefined();
    expect(result.current.version).toBe(0);
  });

  it('shows a saved document at once, then with its new version', async () => {
    const { registry, render } = setup();
    const { result } = render(() => useCourseData(documents.course.shared));
    await waitFor(() => expect(result.current.status).toBe('success'));
    const write = gate();
    registry.beforeWrite.push(() => write.held);

    act(() => result.current.save(() => ({ steps: [step('a', 'New step')] })));
    await waitFor(() => expect(result.current.data).toEqual({ steps: [step('a', 'New step')] }));
    expect(result.current.isSaving).toBe(true);
    expect(result.current.version).toBe(0);

    write.release();
    await waitFor(() => expect(result.current.version).toBe(1));
    expect(result.current.isSaving).toBe(false);
    expect(result.current.data).toEqual({ steps: [step('a', 'New step')] });
    expect(registry.writes()[0]?.headers.get('if-match')).toBe('"0"');
  });

  it('rolls back when the save fails', async () => {
    const { registry, render } = setup();
    registry.writeElsewhere(paths.shared, { steps: [step('a', 'Before')] });
    const { result } = render(() => useCourseData(documents.course.shared));
    await waitFor(() => expect(result.current.status).toBe('success'));
    const write = gate();
    registry.overrides.push(async () => {
      await write.held;
      return Response.json(
        { type: 'about:blank', title: 'Unavailable', status: 503, code: 'CK_UNAVAILABLE' },
        { status: 503 },
      );
    });

    act(() => result.current.save(() => ({ steps: [step('a', 'After')] })));
    await waitFor(() => expect(result.current.data).toEqual({ steps: [step('a', 'After')] }));
    write.release();
    await waitFor(() => expect(result.current.saveError).not.toBeNull());
    expect(result.current.data).toEqual({ steps: [step('a', 'Before')] });
    expect(result.current.version).toBe(1);
    expect(result.current.conflict).toBeNull();
  });

  it('saves a draft over the version it started from, and then forgets the draft', async () => {
    const { registry, render } = setup();
    registry.writeElsewhere(paths.shared, { steps: [step('a', 'A')] });
    const { result } = render(() => useCourseData(documents.course.shared));
    await waitFor(() => expect(result.current.status).toBe('success'));

    act(() =>
      result.current.edit((current) => ({ steps: [...(current?.steps ?? []), step('b', 'B')] })),
    );
    expect(result.current.draft).toEqual({
      data: { steps: [step('a', 'A'), step('b', 'B')] },
      base: { steps: [step('a', 'A')] },
      baseVersion: 1,
    });
    // The document itself is unchanged until the draft is saved.
    expect(result.current.data).toEqual({ steps: [step('a', 'A')] });

    let saved: boolean | undefined;
    await act(async () => {
      saved = await result.current.saveDraft();
    });
    expect(saved).toBe(true);
    expect(result.current.draft).toBeNull();
    expect(result.current.version).toBe(2);
    expect(registry.writes().map((w) => w.headers.get('if-match'))).toEqual(['"1"']);
  });

  it('does not overwrite a save that a background read caught up with under a draft (lost update)', async () => {
    const { registry, render } = setup();
    registry.writeElsewhere(paths.shared, { steps: [step('a', 'A')] });
    const { result } = render(() => useCourseData(documents.course.shared));
    await waitFor(() => expect(result.current.status).toBe('success'));
    act(() => result.current.edit({ steps: [step('a', 'A'), step('m', 'Mine')] }));

    // Another tab saves; this tab reads again (focus, reconnect, ...): version 2 is now cached.
    registry.writeElsewhere(paths.shared, { steps: [step('a', 'A renamed'), step('t', 'Theirs')] });
    act(() => result.current.refetch());
    await waitFor(() => expect(result.current.version).toBe(2));
    expect(result.current.draft?.baseVersion).toBe(1);

    await act(async () => {
      expect(await result.current.saveDraft()).toBe(false);
    });
    // The save named the draft's version, 1, not the cached 2: the registry refused it.
    expect(registry.writes().map((w) => w.headers.get('if-match'))).toEqual(['"1"']);
    expect(registry.stored(paths.shared)).toMatchObject({
      version: 2,
      doc: { steps: [step('a', 'A renamed'), step('t', 'Theirs')] },
    });
    const conflict = result.current.conflict;
    expect(conflict?.error).toBeInstanceOf(VersionConflictError);
    expect(conflict?.mine).toEqual({ steps: [step('a', 'A'), step('m', 'Mine')] });
    expect(conflict?.theirs).toEqual({ steps: [step('a', 'A renamed'), step('t', 'Theirs')] });
    expect(conflict?.theirChanges.map(describeJsonChange)).toEqual([
      'changed steps[id=a].label from "A" to "A renamed"',
      'added steps[id=t]: {"id":"t","label":"Theirs"}',
    ]);
    // The draft is still there; the screen shows what is stored now.
    expect(result.current.draft?.data).toEqual({ steps: [step('a', 'A'), step('m', 'Mine')] });
    expect(result.current.data).toEqual({ steps: [step('a', 'A renamed'), step('t', 'Theirs')] });
  });

  it('saves the document’s merge of both edits after a conflict', async () => {
    const { registry, render } = setup();
    const { result } = render(() => useCourseData(documents.course.shared));
    await waitFor(() => expect(result.current.status).toBe('success'));
    act(() => result.current.edit({ steps: [step('m', 'Mine')] }));
    registry.writeElsewhere(paths.shared, { steps: [step('t', 'Theirs')] });
    await act(async () => void (await result.current.saveDraft()));
    expect(result.current.conflict?.merged).toEqual({
      steps: [step('t', 'Theirs'), step('m', 'Mine')],
    });

    await act(async () => void (await result.current.conflict?.saveMerged()));
    await waitFor(() => expect(result.current.version).toBe(2));
    expect(result.current.data).toEqual({ steps: [step('t', 'Theirs'), step('m', 'Mine')] });
    expect(result.current.conflict).toBeNull();
    expect(result.current.draft).toBeNull();
    expect(registry.writes().map((w) => w.headers.get('if-match'))).toEqual(['"0"', '"1"']);
  });

  it('keeps mine over theirs on request, or takes theirs', async () => {
    const { registry, render } = setup();
    const { result } = render(() => useCourseData(documents.course.restricted));
    await waitFor(() => expect(result.current.status).toBe('success'));
    act(() => result.current.edit({ steps: [step('m', 'Mine')] }));
    registry.writeElsewhere(paths.restricted, { steps: [step('t', 'Theirs')] });
    await act(async () => void (await result.current.saveDraft()));
    // restricted defines no merge: the user chooses between the two versions.
    expect(result.current.conflict?.merged).toBeUndefined();

    await act(async () => void (await result.current.conflict?.keepMine()));
    await waitFor(() => expect(result.current.version).toBe(2));
    expect(result.current.data).toEqual({ steps: [step('m', 'Mine')] });
    expect(result.current.conflict).toBeNull();

    act(() => result.current.edit({ steps: [step('m2', 'Mine again')] }));
    registry.writeElsewhere(paths.restricted, { steps: [step('t2', 'Theirs again')] });
    await act(async () => void (await result.current.saveDraft()));
    act(() => result.current.conflict?.takeTheirs());
    expect(result.current.conflict).toBeNull();
    expect(result.current.saveError).toBeNull();
    expect(result.current.draft).toBeNull();
    expect(result.current.data).toEqual({ steps: [step('t2', 'Theirs again')] });
    expect(registry.writes()).toHaveLength(3);
  });

  it('explains that a plain value is saved as a draft', async () => {
    const { render } = setup();
    const { result } = render(() => useCourseData(documents.course.shared));
    await waitFor(() => expect(result.current.status).toBe('success'));
    const plain = result.current.save as unknown as (value: unknown) => void;
    expect(() => plain({ steps: [] })).toThrow(/use edit\(value\) and saveDraft\(\)/);
  });

  it('shows a stored document that no longer matches the schema as a typed error', async () => {
    const { registry, render } = setup();
    registry.writeElsewhere(paths.shared, { steps: 'three of them' });
    const { result } = render(() => useCourseData(documents.course.shared));
    await waitFor(() => expect(result.current.status).toBe('error'));
    expect(result.current.error).toBeInstanceOf(DocumentSchemaError);
    expect((result.current.error as DocumentSchemaError).issues[0]?.path).toEqual(['steps']);
    // No retries: the document will not match any better on a second read.
    expect(registry.requests.filter((r) => r.method === 'GET')).toHaveLength(1);
  });

  it('explains a participant handle passed by mistake', () => {
    const { render } = setup();
    expect(() =>
      // @ts-expect-error wrong on purpose: a participant handle
      render(() => useCourseData(documents.participant.own)),
    ).toThrow(/useCourseData\(\) takes a course document handle/);
  });
});

describe('useMyData', () => {
  it('reads and writes the signed-in user’s own document', async () => {
    const { registry, render } = setup();
    const { result } = render(() => useMyData(documents.participant.own));
    await waitFor(() => expect(result.current.status).toBe('success'));
    act(() => result.current.save(tick('profile')));
    await waitFor(() => expect(result.current.version).toBe(1));
    expect(registry.writes()[0]?.path).toBe(paths.own(STUDENT_ID));
    expect(result.current.data).toEqual({ done: ['profile'] });
  });

  it('shows a save in the same event as the click that made it (a tick did not lag its click)', async () => {
    const { registry, render } = setup();
    const { result } = render(() => useMyData(documents.participant.own));
    await waitFor(() => expect(result.current.status).toBe('success'));
    const write = gate();
    registry.beforeWrite.push(() => write.held);

    // No waiting: a controlled checkbox renders from `data` right after its click handler.
    act(() => result.current.save(tick('profile')));
    expect(result.current.data).toEqual({ done: ['profile'] });
    act(() => result.current.save(tick('syllabus')));
    expect(result.current.data).toEqual({ done: ['profile', 'syllabus'] });
    expect(result.current.isSaving).toBe(true);

    write.release();
    await waitFor(() => expect(result.current.version).toBe(2));
    expect(result.current.data).toEqual({ done: ['profile', 'syllabus'] });
  });

  it('merges an updater with a write from another tab instead of reporting a conflict', async () => {
    const { registry, render } = setup();
    const { result } = render(() => useMyData(documents.participant.own));
    await waitFor(() => expect(result.current.status).toBe('success'));
    registry.writeElsewhere(paths.own(), { done: ['from-other-tab'] });

    act(() => result.current.save(tick('profile')));
    await waitFor(() => expect(result.current.version).toBe(2));
    expect(result.current.data).toEqual({ done: ['from-other-tab', 'profile'] });
    expect(result.current.conflict).toBeNull();
    expect(result.current.saveError).toBeNull();
  });

  it('keeps every one of several quick ticks', async () => {
    const { registry, render } = setup();
    const { result } = render(() => useMyData(documents.participant.own));
    await waitFor(() => expect(result.current.status).toBe('success'));
    const write = gate();
    registry.beforeWrite.push(() => write.held);

    act(() => result.current.save(tick('a')));
    act(() => result.current.save(tick('b')));
    act(() => result.current.save(tick('c')));
    await waitFor(() => expect(result.current.data).toEqual({ done: ['a', 'b', 'c'] }));
    write.release();
    await waitFor(() => expect(result.current.version).toBe(3));
    expect(result.current.data).toEqual({ done: ['a', 'b', 'c'] });
    expect(result.current.isSaving).toBe(false);
  });
});

describe('useParticipantData and useParticipants', () => {
  it('let staff read a participant’s document and list everybody’s', async () => {
    const { registry, render } = setup({ role: 'lecturer' });
    registry.writeElsewhere(paths.own(OTHER_STUDENT_ID), { done: ['a'] });
    const { result } = render(() => ({
      one: useParticipantData(documents.participant.own, OTHER_STUDENT_ID),
      all: useParticipants(documents.participant.own, { pageSize: 1 }),
    }));
    await waitFor(() => expect(result.current.one.data).toEqual({ done: ['a'] }));
    await waitFor(() => expect(result.current.all.status).toBe('success'));
    expect(result.current.all.items.map((p) => [p.name, p.data])).toEqual([
      ['Ann Student', undefined],
    ]);
    expect(result.current.all.hasNextPage).toBe(true);

    act(() => result.current.all.fetchNextPage());
    await waitFor(() => expect(result.current.all.items).toHaveLength(2));
    expect(result.current.all.items[1]).toMatchObject({
      name: 'Kim Student',
      data: { done: ['a'] },
    });
    expect(result.current.all.hasNextPage).toBe(false);
  });

  it('refresh the listing after a participant’s document is saved here', async () => {
    const { render } = setup({ role: 'lecturer' });
    const { result } = render(() => ({
      one: useParticipantData(documents.participant.own, STUDENT_ID),
      all: useParticipants(documents.participant.own),
    }));
    await waitFor(() => expect(result.current.all.status).toBe('success'));
    await waitFor(() => expect(result.current.one.status).toBe('success'));
    act(() => result.current.one.save(() => ({ done: ['x'] })));
    await waitFor(() => expect(result.current.all.items[0]?.data).toEqual({ done: ['x'] }));
  });
});
