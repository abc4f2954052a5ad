/** The SQL of notes. Every query names the course phase, so one course never sees another's rows. */
import type { Queryable } from '@coursekit/phase-sdk/server';
import type { Note } from '../../../../shared/contract.js';

interface NoteRow {
  id: string;
  author_id: string;
  text: string;
  created_at: Date;
}

const toNote = (row: NoteRow): Note => ({
  id: row.id,
  authorId: row.author_id,
  text: row.text,
  createdAt: row.created_at.toISOString(),
});

export class NoteRepository {
  constructor(private readonly db: Queryable) {}

  async list(coursePhaseId: string): Promise<Note[]> {
    const rows = await this.db.query<NoteRow>(
      `SELECT id, author_id, text, created_at FROM phase_template.notes
        WHERE course_phase_id = $1 ORDER BY created_at DESC, id`,
      [coursePhaseId],
    );
    return rows.map(toNote);
  }

  async find(coursePhaseId: string, id: string): Promise<Note | undefined> {
    const [row] = await this.db.query<NoteRow>(
      `SELECT id, author_id, text, created_at FROM phase_template.notes
        WHERE course_phase_id = $1 AND id = $2`,
      [coursePhaseId, id],
    );
    return row && toNote(row);
  }

  async insert(coursePhaseId: string, authorId: string, text: string): Promise<Note> {
    const [row] = await this.db.query<NoteRow>(
      `INSERT INTO phase_template.notes (course_phase_id, author_id, text) VALUES ($1, $2, $3)
       RETURNING id, author_id, text, created_at`,
      [coursePhaseId, authorId, text],
    );
    if (!row) throw new Error('Bug: INSERT … RETURNING gave no row.');
    return toNote(row);
  }

  async delete(coursePhaseId: string, id: string): Promise<void> {
    await this.db.query('DELETE FROM phase_template.notes WHERE course_phase_id = $1 AND id = $2', [
      coursePhaseId,
      id,
    ]);
  }
}
