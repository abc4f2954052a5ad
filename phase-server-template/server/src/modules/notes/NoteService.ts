/**
 * The rules of notes, apart from HTTP and SQL: anyone in the course phase reads and writes them;
 * only the author, a lecturer or an editor deletes one. Refusals are the SDK's problem errors, which
 * the kit answers as problem+json.
 */
import { type CoreIdentity, type Db, forbidden, notFound } from '@coursekit/phase-sdk/server';
import type { Note } from '../../../../shared/contract.js';
import { NoteRepository } from './noteRepository.js';

const STAFF: ReadonlySet<string> = new Set(['lecturer', 'editor']);

export class NoteService {
  constructor(private readonly db: Db) {}

  list(caller: CoreIdentity): Promise<Note[]> {
    return new NoteRepository(this.db).list(caller.coursePhaseId);
  }

  create(caller: CoreIdentity, text: string): Promise<Note> {
    return new NoteRepository(this.db).insert(caller.coursePhaseId, caller.userId, text);
  }

  /** Check and delete in one transaction, so the check holds when the row goes. */
  delete(caller: CoreIdentity, noteId: string): Promise<void> {
    return this.db.transaction(async (tx) => {
      const notes = new NoteRepository(tx);
      const note = await notes.find(caller.coursePhaseId, noteId);
      if (!note) throw notFound('Note', noteId);
      if (note.authorId !== caller.userId && !STAFF.has(caller.role)) {
        throw forbidden(
          `Only the note's author, a lecturer or an editor may delete it; you are a ${caller.role}.`,
        );
      }
      await notes.delete(caller.coursePhaseId, noteId);
    });
  }
}
