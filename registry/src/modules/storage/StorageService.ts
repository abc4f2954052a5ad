/**
 * Rules of core storage: size limit, conditional writes (`If-Match` required, a stale version is a
 * conflict that returns what is stored now), participants must belong to the course, and the
 * paged listing of every student's document.
 */
import {
  Id,
  MAX_DOCUMENT_BYTES,
  measureDocument,
  type ParticipantsPage,
  parseVersionTag,
  type StoredDocument,
  storableText,
} from '@coursekit/phase-sdk/contract';
import type { Db } from '@coursekit/phase-sdk/server';
import { z } from 'zod';
import { AppError, notFound } from '../../errors.js';
import type { MembershipCache } from '../auth/MembershipCache.js';
import { type DocumentKey, StorageRepository, toStored } from './storageRepository.js';

export class StorageService {
  private readonly repo: StorageRepository;

  constructor(
    db: Db,
    private readonly memberships: MembershipCache,
  ) {
    this.repo = new StorageRepository(db);
  }

  async read(key: DocumentKey): Promise<StoredDocument> {
    if (key.kind === 'participant') await this.requireParticipant(key.coursePhaseId, key.userId);
    return this.repo.read(key);
  }

  /** Write `doc` over the version named by `ifMatch`; nothing changes unless it is current. */
  async write(
    key: DocumentKey,
    ifMatch: string | undefined,
    doc: unknown,
    userId: string,
  ): Promise<StoredDocument> {
    if (ifMatch === undefined) {
      throw new AppError(
        'CK_PRECONDITION_REQUIRED',
        'Send If-Match with the version you read (e.g. If-Match: "3", or "0" for a document not written yet), so that a concurrent change is never overwritten.',
      );
    }
    const expected = parseVersionTag(ifMatch);
    if (expected === null) {
      throw new AppError(
        'CK_VALIDATION',
        `If-Match must be a quoted version such as "3"; got ${JSON.stringify(ifMatch)}.`,
        [{ path: 'headers.if-match', message: 'a quoted version number' }],
      );
    }
    if (doc === undefined)
      throw new AppError('CK_VALIDATION', 'The body must be the JSON document to store.');
    const { json, bytes, tooLarge } = measureDocument(doc);
    if (tooLarge) {
      throw new AppError(
        'CK_PAYLOAD_TOO_LARGE',
        `The document has ${bytes} bytes; documents may have at most ${MAX_DOCUMENT_BYTES}.`,
      );
    }
    if (key.kind === 'participant') await this.requireParticipant(key.coursePhaseId, key.userId);
    const result = await this.repo.compareAndSet(key, expected, json, userId);
    if (result.written) return result.written;
    const current = result.current ?? (await this.repo.read(key));
    throw new AppError(
      'CK_VERSION_CONFLICT',
      `The document changed since you read it: you sent version ${expected}, it is now at version ${current.version}. Merge your change into the current document and write again with If-Match: "${current.version}".`,
      undefined,
      { current },
    );
  }

  async participants(
    coursePhaseId: string,
    scope: 'own' | 'restricted',
    limit: number,
    cursor: string | undefined,
  ): Promise<ParticipantsPage> {
    const after = cursor ? decodeCursor(cursor) : null;
    const rows = await this.repo.participants(coursePhaseId, scope, limit + 1, after);
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      items: page.map((row) => ({
        userId: row.user_id,
        email: row.email,
        name: row.name,
        ...(row.version === null
          ? { version: 0, doc: null, updatedAt: null, updatedBy: null }
          : toStored(row as typeof row & { version: number })),
      })),
      nextCursor:
        rows.length > limit && last ? encodeCursor({ name: last.name, id: last.user_id }) : null,
    };
  }

  private async requireParticipant(coursePhaseId: string, userId: string): Promise<void> {
    const membership = await this.memberships.inCoursePhase(coursePhaseId, userId);
    if (!membership?.role) throw notFound('Participant', userId);
  }
}

function encodeCursor(position: { name: string; id: string }): string {
  return Buffer.from(JSON.stringify([position.name, position.id])).toString('base64url');
}

/** What a cursor holds: the last row's sort key. Checked, since a client can send anything. */
const CursorPosition = z.tuple([storableText(), Id]);

function decodeCursor(cursor: string): { name: string; id: string } {
  let position: z.infer<typeof CursorPosition> | undefined;
  try {
    position = CursorPosition.safeParse(
      JSON.parse(Buffer.from(cursor, 'base64url').toString()),
    ).data;
  } catch {
    // not JSON: refused below
  }
  if (position) return { name: position[0], id: position[1] };
  throw new AppError(
    'CK_VALIDATION',
    'The cursor is not one this server handed out; start from the first page.',
    [{ path: 'query.cursor', message: 'unknown cursor' }],
  );
}
