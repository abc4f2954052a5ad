/**
 * The contract suite of core storage: cases with the answer the registry gives, run unchanged
 * against the registry (over HTTP, on a real database) and against the test kit's in-memory
 * storage, so the two answer alike: who may read, write and list what; conflicts; documents that
 * cannot be stored. Each side supplies a driver that plays one case and reports the answer; the
 * cases run in order, one after the other, on a fresh course phase whose participants are the two
 * students.
 *
 * @example
 * it.each(storageContractCases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
 *   expect(await driver.run(c)).toEqual(c.expect);
 * });
 */
import type { CourseDataScope, ParticipantDataScope } from '../contract/index.js';
import { MAX_DOCUMENT_BYTES, MAX_JSON_DEPTH } from '../contract/index.js';

/** Who plays a case: two students, both staff roles, and a non-member (an admin who is none). */
export type StorageContractActor = 'student' | 'otherStudent' | 'lecturer' | 'editor' | 'outsider';

export type StorageContractTarget =
  | { level: 'course'; scope: CourseDataScope }
  | { level: 'participant'; scope: ParticipantDataScope; owner: 'student' | 'otherStudent' };

/** The answer: HTTP status, the problem's code when refused, the version read or written. */
export interface StorageContractOutcome {
  status: number;
  code?: string;
  version?: number;
}

export type StorageContractCase = { name: string; actor: StorageContractActor } & (
  | { action: 'read'; target: StorageContractTarget; expect: StorageContractOutcome }
  | {
      action: 'write';
      target: StorageContractTarget;
      /** The document to write; default `{ n: <case index> }`. */
      doc?: unknown;
      /** Write over the version stored now (default) or over one that is not (a stale write). */
      basedOn?: 'current' | 'stale';
      expect: StorageContractOutcome;
    }
  | { action: 'list'; expect: StorageContractOutcome }
);

export interface StorageContractDriver {
  run(contractCase: StorageContractCase, index: number): Promise<StorageContractOutcome>;
}

const shared = { level: 'course', scope: 'shared' } as const;
const restricted = { level: 'course', scope: 'restricted' } as const;
const own = (owner: 'student' | 'otherStudent') =>
  ({ level: 'participant', scope: 'own', owner }) as const;
const hidden = (owner: 'student' | 'otherStudent') =>
  ({ level: 'participant', scope: 'restricted', owner }) as const;
const ok = (version: number): StorageContractOutcome => ({ status: 200, version });
const forbidden: StorageContractOutcome = { status: 403, code: 'CK_FORBIDDEN' };
const invalid: StorageContractOutcome = { status: 400, code: 'CK_VALIDATION' };

function nested(depth: number): unknown {
  let value: unknown = 'deep';
  for (let level = 0; level < depth; level++) value = [value];
  return value;
}

/** The cases, in the order they run (later versions depend on earlier writes). */
export const storageContractCases: readonly StorageContractCase[] = [
  // Course-phase documents: members read shared, staff write it; restricted is staff only.
  {
    name: 'a student reads the shared document',
    actor: 'student',
    action: 'read',
    target: shared,
    expect: ok(0),
  },
  {
    name: 'a non-member may not read the shared document',
    actor: 'outsider',
    action: 'read',
    target: shared,
    expect: forbidden,
  },
  {
    name: 'a student may not write the shared document',
    actor: 'student',
    action: 'write',
    target: shared,
    expect: forbidden,
  },
  {
    name: 'a lecturer writes the shared document',
    actor: 'lecturer',
    action: 'write',
    target: shared,
    expect: ok(1),
  },
  {
    name: 'an editor writes the shared document',
    actor: 'editor',
    action: 'write',
    target: shared,
    expect: ok(2),
  },
  {
    name: 'a non-member may not write the shared document',
    actor: 'outsider',
    action: 'write',
    target: shared,
    expect: forbidden,
  },
  {
    name: 'a student may not read the restricted course document',
    actor: 'student',
    action: 'read',
    target: restricted,
    expect: forbidden,
  },
  {
    name: 'a student may not write the restricted course document',
    actor: 'student',
    action: 'write',
    target: restricted,
    expect: forbidden,
  },
  {
    name: 'an editor writes the restricted course document',
    actor: 'editor',
    action: 'write',
    target: restricted,
    expect: ok(1),
  },
  {
    name: 'a lecturer reads the restricted course document',
    actor: 'lecturer',
    action: 'read',
    target: restricted,
    expect: ok(1),
  },
  // Participant documents: own is the participant's and staff's; restricted is staff only.
  {
    name: 'a student writes their own document',
    actor: 'student',
    action: 'write',
    target: own('student'),
    expect: ok(1),
  },
  {
    name: 'a student reads their own document',
    actor: 'student',
    action: 'read',
    target: own('student'),
    expect: ok(1),
  },
  {
    name: "a student may not read another student's document",
    actor: 'otherStudent',
    action: 'read',
    target: own('student'),
    expect: forbidden,
  },
  {
    name: "a student may not write another student's document",
    actor: 'otherStudent',
    action: 'write',
    target: own('student'),
    expect: forbidden,
  },
  {
    name: "a lecturer reads a student's document",
    actor: 'lecturer',
    action: 'read',
    target: own('student'),
    expect: ok(1),
  },
  {
    name: "a lecturer writes a student's document",
    actor: 'lecturer',
    action: 'write',
    target: own('student'),
    expect: ok(2),
  },
  {
    name: 'a student may not read their own restricted document',
    actor: 'student',
    action: 'read',
    target: hidden('student'),
    expect: forbidden,
  },
  {
    name: 'a student may not write their own restricted document',
    actor: 'student',
    action: 'write',
    target: hidden('student'),
    expect: forbidden,
  },
  {
    name: "an editor writes a student's restricted document",
    actor: 'editor',
    action: 'write',
    target: hidden('student'),
    expect: ok(1),
  },
  {
    name: "a lecturer reads a student's restricted document",
    actor: 'lecturer',
    action: 'read',
    target: hidden('student'),
    expect: ok(1),
  },
  // The listing of every participant's documents: staff only.
  {
    name: "a student may not list every participant's documents",
    actor: 'student',
    action: 'list',
    expect: forbidden,
  },
  {
    name: "a non-member may not list participants' documents",
    actor: 'outsider',
    action: 'list',
    expect: forbidden,
  },
  {
    name: "a lecturer lists every participant's documents",
    actor: 'lecturer',
    action: 'list',
    expect: { status: 200 },
  },
  // Conditional writes and documents that cannot be stored; a refused write changes nothing.
  {
    name: 'a stale write is a conflict',
    actor: 'student',
    action: 'write',
    target: own('student'),
    basedOn: 'stale',
    expect: { status: 409, code: 'CK_VERSION_CONFLICT' },
  },
  {
    name: 'a null document is refused',
    actor: 'lecturer',
    action: 'write',
    target: shared,
    doc: null,
    expect: invalid,
  },
  {
    name: 'a document with a NUL character is refused',
    actor: 'lecturer',
    action: 'write',
    target: shared,
    doc: { text: 'a\u0000b' },
    expect: invalid,
  },
  {
    name: 'a document nested too deep is refused',
    actor: 'lecturer',
    action: 'write',
    target: shared,
    doc: nested(MAX_JSON_DEPTH + 2),
    expect: invalid,
  },
  {
    name: 'a document over the size limit is refused',
    actor: 'student',
    action: 'write',
    target: own('student'),
    doc: { text: 'x'.repeat(MAX_DOCUMENT_BYTES) },
    expect: { status: 413, code: 'CK_PAYLOAD_TOO_LARGE' },
  },
  {
    name: 'refused writes left the documents as they were',
    actor: 'lecturer',
    action: 'read',
    target: own('student'),
    expect: ok(2),
  },
  {
    name: 'and the shared one too',
    actor: 'student',
    action: 'read',
    target: shared,
    expect: ok(2),
  },
];
