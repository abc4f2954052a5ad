/**
 * The storage client against a fake registry: typed reads and writes on the real routes, versions
 * in `If-Match`, conflicts as `VersionConflictError` with what is stored now, outdated documents
 * as `DocumentSchemaError`, the merge path, and the participant listing.
 */
import { describe, expect, it } from 'vitest';
import { MAX_DOCUMENT_BYTES } from '../../contract/index.js';
import {
  CoreApiError,
  DocumentSchemaError,
  DocumentTooLargeError,
  StorageClient,
  VersionConflictError,
} from '../index.js';
import {
  COURSE_PHASE_ID,
  fakeStorageRegistry,
  OTHER_STUDENT_ID,
  paths,
  STUDENT_ID,
} from './fakeStorageRegistry.js';
import { documents, tick } from './testDocuments.js';

function setup(options?: Parameters<typeof fakeStorageRegistry>[0]) {
  const registry = fakeStorageRegistry(options);
  const storage = StorageClient.forCoursePhase(registry.core, COURSE_PHASE_ID);
  return { registry, storage };
}

describe('StorageClient documents', () => {
  it('reads a document never written as version 0 without data', async () => {
    const { storage, registry } = setup();
    const checklist = await storage.document(documents.course.shared).get();
    expect(checklist).toEqual({ version: 0, data: undefined, updatedAt: null, updatedBy: null });
    expect(registry.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`GET ${paths.shared}`]);
  });

  it('writes with the version it read in If-Match and the CSRF header, and reads it back', async () => {
    const { storage, registry } = setup();
    const checklist = storage.document(documents.course.shared);
    const saved = await checklist.put({ steps: [{ id: 'a', label: 'Read the syllabus' }] }, 0);
    expect(saved.version).toBe(1);
    const [write] = registry.writes();
    expect(write?.headers.get('if-match')).toBe('"0"');
    expect(write?.headers.get('x-coursekit-csrf')).toBe('1');
    expect(write?.headers.get('content-type')).toBe('application/json');
    expect(write?.body).toEqual({ steps: [{ id: 'a', label: 'Read the syllabus' }] });

    const read = await checklist.get();
    expect(read.data).toEqual({ steps: [{ id: 'a', label: 'Read the syllabus' }] });
    expect(read.version).toBe(1);
    expect(read.updatedBy).toBe(STUDENT_ID);
  });

  it('addresses a participant’s document by user id', async () => {
    const { storage, registry } = setup();
    await storage.document(documents.participant.own, OTHER_STUDENT_ID).put({ done: ['a'] }, 0);
    expect(registry.writes()[0]?.path).toBe(paths.own(OTHER_STUDENT_ID));
  });

  it('turns a stale write into a VersionConflictError carrying the current document', async () => {
    const { storage, registry } = setup();
    registry.writeElsewhere(paths.shared, { steps: [{ id: 'x', label: 'Theirs' }] });
    const error = await storage
      .document(documents.course.shared)
      .put({ steps: [] }, 0)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VersionConflictError);
    const conflict = error as VersionConflictError;
    expect(conflict.code).toBe('CK_VERSION_CONFLICT');
    expect(conflict.expectedVersion).toBe(0);
    expect(conflict.current).toMatchObject({ version: 1, doc: { steps: [{ label: 'Theirs' }] } });
    expect(conflict.message).toMatch(
      /^The shared course-phase document changed since it was read: this write expected version 0, but version 1 is stored\. Apply your change/,
    );
    expect(conflict.cause).toBeInstanceOf(CoreApiError);
  });

  it('reads the current document when a 409 comes without it', async () => {
    const { storage, registry } = setup({ conflictWithoutCurrent: true });
    registry.writeElsewhere(paths.shared, { steps: [] });
    const error = await storage
      .document(documents.course.shared)
      .put({ steps: [] }, 0)
      .catch((e: unknown) => e);
    expect((error as VersionConflictError).current.version).toBe(1);
    expect(registry.requests.map((r) => r.method)).toEqual(['PUT', 'GET']);
  });

  it('reports a stored document that no longer matches the schema as DocumentSchemaError', async () => {
    const { storage, registry } = setup();
    registry.writeElsewhere(paths.shared, { steps: [{ id: 'a', title: 'old field name' }] });
    const error = await storage
      .document(documents.course.shared)
      .get()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DocumentSchemaError);
    const schemaError = error as DocumentSchemaError;
    expect(schemaError.operation).toBe('read');
    expect(schemaError.version).toBe(1);
    expect(schemaError.issues).toEqual([
      expect.objectContaining({ code: 'invalid_type', path: ['steps', 0, 'label'] }),
    ]);
    expect(schemaError.message).toContain(
      "The stored shared course-phase document (version 1) does not match the phase's schema",
    );
    expect(schemaError.message).toContain('→ at steps[0].label');
    expect(schemaError.message).toMatch(/Save a valid document to replace it/);
  });

  it('checks a document against the schema before sending it', async () => {
    const { storage, registry } = setup();
    const error = await storage
      .document(documents.course.shared)
      .put({ steps: [{ id: 'a', label: '' }] }, 0)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DocumentSchemaError);
    expect((error as DocumentSchemaError).operation).toBe('write');
    expect((error as Error).message).toMatch(/so nothing was written/);
    expect(registry.writes()).toEqual([]);
  });

  it('refuses a document over the size limit without sending it', async () => {
    const { storage, registry } = setup();
    const label = 'x'.repeat(MAX_DOCUMENT_BYTES);
    const error = await storage
      .document(documents.course.shared)
      .put({ steps: [{ id: 'a', label }] }, 0)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DocumentTooLargeError);
    expect((error as Error).message).toMatch(/more than the 262144 bytes core storage keeps/);
    expect(registry.writes()).toEqual([]);
  });

  it('passes other refusals through as CoreApiError', async () => {
    const { storage, registry } = setup();
    registry.overrides.push(
      Response.json(
        {
          type: 'about:blank',
          title: 'Forbidden',
          status: 403,
          code: 'CK_FORBIDDEN',
          detail:
            'Your role in this course (student) may not write the shared course-phase document.',
        },
        { status: 403 },
      ),
    );
    const error = await storage
      .document(documents.course.shared)
      .put({ steps: [] }, 0)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CoreApiError);
    expect((error as CoreApiError).status).toBe(403);
  });
});

describe('StorageClient update (the merge path)', () => {
  it('applies the change again to the current document after a conflict', async () => {
    const { storage, registry } = setup();
    const mine = storage.document(documents.participant.own, STUDENT_ID);
    await mine.get(); // version 0 seen
    registry.writeElsewhere(paths.own(), { done: ['from-other-tab'] });

    const saved = await mine.update(tick('profile'));
    expect(saved.data).toEqual({ done: ['from-other-tab', 'profile'] });
    expect(saved.version).toBe(2);
    expect(registry.writes().map((w) => w.headers.get('if-match'))).toEqual(['"0"', '"1"']);
  });

  it('gives up after a bounded number of attempts', async () => {
    const { storage, registry } = setup();
    const mine = storage.document(documents.participant.own, STUDENT_ID);
    await mine.get();
    // Another tab writes just before every attempt of ours.
    for (const i of [1, 2, 3]) {
      registry.beforeWrite.push(() =>
        registry.writeElsewhere(paths.own(), { done: [`other-${i}`] }),
      );
    }
    const error = await mine.update(tick('profile')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VersionConflictError);
    expect((error as VersionConflictError).current.doc).toEqual({ done: ['other-3'] });
    expect(registry.writes()).toHaveLength(3);
  });

  it('runs quick successive changes one after another, so none is lost', async () => {
    const { storage, registry } = setup();
    const mine = storage.document(documents.participant.own, STUDENT_ID);
    await mine.get();
    const results = await Promise.all([
      mine.update(tick('a')),
      mine.update(tick('b')),
      mine.update(tick('c')),
    ]);
    expect(results.map((r) => r.version)).toEqual([1, 2, 3]);
    expect((await mine.get()).data).toEqual({ done: ['a', 'b', 'c'] });
    // Each write started from the previous one: no conflict, no extra read.
    expect(registry.writes().map((w) => w.headers.get('if-match'))).toEqual(['"0"', '"1"', '"2"']);
  });

  it('reads first when it has not seen the document yet', async () => {
    const { storage, registry } = setup();
    registry.writeElsewhere(paths.own(), { done: ['x'] });
    const saved = await storage.document(documents.participant.own, STUDENT_ID).update(tick('y'));
    expect(saved.data).toEqual({ done: ['x', 'y'] });
    expect(registry.requests.map((r) => r.method)).toEqual(['GET', 'PUT']);
  });
});

describe('StorageClient participants', () => {
  const participants = [
    { userId: STUDENT_ID, email: 'student1@coursekit.test', name: 'Ann Student' },
    { userId: OTHER_STUDENT_ID, email: 'student2@coursekit.test', name: 'Kim Student' },
  ];

  it('lists students page by page with typed documents', async () => {
    const { storage, registry } = setup({ participants });
    registry.writeElsewhere(paths.own(STUDENT_ID), { done: ['a', 'b'] });
    const first = await storage.participants(documents.participant.own, { limit: 1 });
    expect(registry.requests[0]?.search).toBe('?scope=own&limit=1');
    expect(first.items).toEqual([
      expect.objectContaining({
        name: 'Ann Student',
        version: 1,
        data: { done: ['a', 'b'] },
        schemaError: null,
      }),
    ]);
    expect(first.nextCursor).toBe('1');
    const second = await storage.participants(documents.participant.own, {
      limit: 1,
      cursor: first.nextCursor,
    });
    expect(registry.requests[1]?.search).toBe('?scope=own&limit=1&cursor=1');
    expect(second.items).toEqual([
      expect.objectContaining({ name: 'Kim Student', version: 0, data: undefined }),
    ]);
    expect(second.nextCursor).toBeNull();
  });

  it('marks one outdated document without hiding the others', async () => {
    const { storage, registry } = setup({ participants });
    registry.writeElsewhere(paths.own(STUDENT_ID), { done: 'not a list' });
    registry.writeElsewhere(paths.own(OTHER_STUDENT_ID), { done: ['a'] });
    const { items } = await storage.participants(documents.participant.own);
    expect(items[0]?.data).toBeUndefined();
    expect(items[0]?.schemaError).toBeInstanceOf(DocumentSchemaError);
    expect(items[1]?.data).toEqual({ done: ['a'] });
  });
});

describe('misuse', () => {
  it('explains a participant document without a user id', () => {
    const { storage } = setup();
    // @ts-expect-error the user id is missing on purpose
    expect(() => storage.document(documents.participant.own)).toThrow(
      /pass the participant's user id too/,
    );
  });
});
