// @vitest-environment happy-dom
/**
 * The test kit's storage behaves like the registry where a phase can tell: versions, conflicts
 * with the current document, the size limit, paging by name; and `TestPhaseProvider` gives every
 * phase test a working, empty storage without any setup.
 */
import { act, cleanup, renderHook, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { documents, tick } from '../../client/__tests__/testDocuments.js';
import {
  CoreNetworkError,
  DocumentTooLargeError,
  StorageClient,
  VersionConflictError,
} from '../../client/index.js';
import { MAX_DOCUMENT_BYTES } from '../../contract/index.js';
import { useCourseData, useMyData, useParticipants } from '../../react/index.js';
import { InMemoryStorage, TestPhaseProvider } from '../index.js';

afterEach(cleanup);

const SAM = { userId: '00000000-0000-4000-8000-000000000001', email: 's@x.test', name: 'Sam' };
const ALEX = { userId: '00000000-0000-4000-8000-000000000003', email: 'a@x.test', name: 'Alex' };
const KIM = { userId: '00000000-0000-4000-8000-000000000002', email: 'k@x.test', name: 'Kim' };

describe('InMemoryStorage', () => {
  it('keeps versions and refuses a stale write with the current document', async () => {
    const memory = new InMemoryStorage();
    const checklist = new StorageClient(memory).document(documents.course.shared);
    expect((await checklist.put({ steps: [] }, 0)).version).toBe(1);
    memory.seed(documents.course.shared, { steps: [{ id: 'x', label: 'Theirs' }] });
    const error = await checklist.put({ steps: [] }, 1).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VersionConflictError);
    expect((error as VersionConflictError).current).toMatchObject({
      version: 2,
      doc: { steps: [{ label: 'Theirs' }] },
    });
    expect(memory.peek(documents.course.shared).version).toBe(2);
  });

  it('stores copies, so a phase cannot change stored data by mutating an object', async () => {
    const memory = new InMemoryStorage();
    const value = { steps: [{ id: 'a', label: 'A' }] };
    await new StorageClient(memory).document(documents.course.shared).put(value, 0);
    value.steps.push({ id: 'b', label: 'B' });
    expect(memory.peek(documents.course.shared).doc).toEqual({ steps: [{ id: 'a', label: 'A' }] });
  });

  it('enforces the size limit', async () => {
    const memory = new InMemoryStorage();
    const big = { steps: [{ id: 'a', label: 'x'.repeat(MAX_DOCUMENT_BYTES) }] };
    await expect(
      new StorageClient(memory).document(documents.course.shared).put(big, 0),
    ).rejects.toBeInstanceOf(DocumentTooLargeError);
  });

  it('lists participants by name, page by page, with their documents', async () => {
    const memory = new InMemoryStorage({ participants: [SAM, KIM, ALEX] });
    memory.seed(documents.participant.own, { done: ['a'] }, KIM.userId);
    const storage = new StorageClient(memory);
    const first = await storage.participants(documents.participant.own, { limit: 2 });
    expect(first.items.map((p) => [p.name, p.data])).toEqual([
      ['Alex', undefined],
      ['Kim', { done: ['a'] }],
    ]);
    const rest = await storage.participants(documents.participant.own, {
      limit: 2,
      cursor: first.nextCursor,
    });
    expect(rest.items.map((p) => p.name)).toEqual(['Sam']);
    expect(rest.nextCursor).toBeNull();
  });

  it('fails the next write on demand, to test what a phase does then', async () => {
    const memory = new InMemoryStorage();
    memory.failNextWrite(new CoreNetworkError('/api/x'));
    const checklist = new StorageClient(memory).document(documents.course.shared);
    await expect(checklist.put({ steps: [] }, 0)).rejects.toBeInstanceOf(CoreNetworkError);
    expect((await checklist.put({ steps: [] }, 0)).version).toBe(1);
  });
});

describe('TestPhaseProvider storage', () => {
  it('gives each test an empty storage that works without setup', async () => {
    const { result } = renderHook(() => useCourseData(documents.course.shared), {
      wrapper: ({ children }) => (
        <TestPhaseProvider value={{ role: 'lecturer' }}>{children}</TestPhaseProvider>
      ),
    });
    await waitFor(() => expect(result.current.status).toBe('success'));
    expect(result.current.version).toBe(0);
    act(() => result.current.save(() => ({ steps: [{ id: 'a', label: 'A' }] })));
    await waitFor(() => expect(result.current.version).toBe(1));
  });

  it('refuses a student what the registry refuses: writing course data, listing participants', async () => {
    const memory = new InMemoryStorage({ participants: [SAM, KIM] });
    memory.seed(documents.participant.own, { done: ['profile'] }, KIM.userId);
    const { result } = renderHook(
      () => ({
        shared: useCourseData(documents.course.shared),
        everyone: useParticipants(documents.participant.own),
      }),
      {
        wrapper: ({ children }) => (
          <TestPhaseProvider storage={memory}>{children}</TestPhaseProvider>
        ),
      },
    );
    await waitFor(() => expect(result.current.everyone.status).toBe('error'));
    expect(result.current.everyone.error).toMatchObject({ status: 403, code: 'CK_FORBIDDEN' });
    expect(result.current.everyone.items).toEqual([]);

    await waitFor(() => expect(result.current.shared.status).toBe('success'));
    act(() => result.current.shared.save(() => ({ steps: [] })));
    await waitFor(() =>
      expect(result.current.shared.saveError).toMatchObject({ status: 403, code: 'CK_FORBIDDEN' }),
    );
    expect(memory.peek(documents.course.shared).version).toBe(0);
  });

  it('plays two tabs of one student when two providers share a storage', async () => {
    const memory = new InMemoryStorage();
    const tab = () =>
      renderHook(() => useMyData(documents.participant.own), {
        wrapper: ({ children }) => (
          <TestPhaseProvider storage={memory}>{children}</TestPhaseProvider>
        ),
      }).result;
    const first = tab();
    const second = tab();
    await waitFor(() => expect(first.current.status).toBe('success'));
    await waitFor(() => expect(second.current.status).toBe('success'));

    act(() => first.current.save(tick('profile')));
    await waitFor(() => expect(first.current.version).toBe(1));
    // The second tab still shows version 0; its tick merges with the first instead of failing.
    act(() => second.current.save(tick('syllabus')));
    await waitFor(() => expect(second.current.version).toBe(2));
    expect(second.current.data).toEqual({ done: ['profile', 'syllabus'] });
    expect(second.current.conflict).toBeNull();
  });
});
