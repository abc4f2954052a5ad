/**
 * The storage contract suite against the test kit's in-memory storage: every case answers as the
 * registry does (the registry runs the same cases in its own suite), so what a phase's unit test
 * may do with storage is what the registry lets it do.
 */
import { describe, expect, it } from 'vitest';
import type { DocumentLocation } from '../../client/DocumentLocation.js';
import { CoreApiError, DocumentTooLargeError, VersionConflictError } from '../../client/index.js';
import type { CourseRole } from '../../contract/index.js';
import { InMemoryStorage } from '../index.js';
import {
  type StorageContractActor,
  type StorageContractDriver,
  type StorageContractOutcome,
  type StorageContractTarget,
  storageContractCases,
} from '../storageContract.js';

const users: Record<StorageContractActor, { userId: string; role: CourseRole | null }> = {
  student: { userId: '00000000-0000-4000-8000-000000000001', role: 'student' },
  otherStudent: { userId: '00000000-0000-4000-8000-000000000002', role: 'student' },
  lecturer: { userId: '00000000-0000-4000-8000-000000000003', role: 'lecturer' },
  editor: { userId: '00000000-0000-4000-8000-000000000004', role: 'editor' },
  outsider: { userId: '00000000-0000-4000-8000-000000000005', role: null },
};

function outcomeOf(error: unknown): StorageContractOutcome {
  if (error instanceof VersionConflictError) return { status: 409, code: 'CK_VERSION_CONFLICT' };
  if (error instanceof DocumentTooLargeError) return { status: 413, code: error.code };
  if (error instanceof CoreApiError) return { status: error.status, code: error.code };
  throw error;
}

function inMemoryDriver(): StorageContractDriver {
  const memory = new InMemoryStorage({
    participants: [
      { userId: users.student.userId, email: 'student1@coursekit.test', name: 'Student One' },
      { userId: users.otherStudent.userId, email: 'student2@coursekit.test', name: 'Student Two' },
    ],
  });
  const at = (target: StorageContractTarget): DocumentLocation =>
    target.level === 'course'
      ? target
      : { level: 'participant', scope: target.scope, userId: users[target.owner].userId };
  return {
    async run(c, index) {
      const storage = memory.forCaller(users[c.actor]);
      try {
        if (c.action === 'list') {
          await storage.listParticipants('own');
          return { status: 200 };
        }
        const location = at(c.target);
        if (c.action === 'read')
          return { status: 200, version: (await storage.read(location)).version };
        const current = memory.peekAt(location).version;
        const version = c.basedOn === 'stale' ? current + 1 : current;
        const written = await storage.write(location, 'doc' in c ? c.doc : { n: index }, version);
        return { status: 200, version: written.version };
      } catch (error) {
        return outcomeOf(error);
      }
    },
  };
}

describe('the storage contract, in memory', () => {
  const driver = inMemoryDriver();
  it.each(storageContractCases.map((c, index) => [c.name, c, index] as const))(
    '%s',
    async (_name, c, index) => {
      expect(await driver.run(c, index)).toEqual(c.expect);
    },
  );
});
