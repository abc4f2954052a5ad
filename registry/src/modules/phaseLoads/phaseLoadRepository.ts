/** SQL of phase-load telemetry: one upsert per report into daily aggregates, and the read side. */
import type { PhaseLoadReport, PhaseLoadStat } from '@coursekit/phase-sdk/contract';
import type { Db } from '@coursekit/phase-sdk/server';

interface StatRow {
  phase_type: string;
  version: string;
  outcome: 'loaded' | 'failed';
  stage: string;
  count: string | number;
  total_ms: string | number;
  max_ms: number;
  last_at: Date | string;
}

export class PhaseLoadRepository {
  constructor(private readonly db: Db) {}

  /** The reports that name a registered phase version; the others are dropped. */
  /**
   * The reports about registered versions of phases that `user` can load: phases of a course they
   * belong to (any phase for an admin, who previews every course). Others are dropped, so nobody
   * can count loads for phases they never see.
   */
  async knownOf(
    reports: PhaseLoadReport[],
    user: { id: string; isAdmin: boolean },
  ): Promise<PhaseLoadReport[]> {
    const rows = await this.db.query<{ key: string }>(
      `SELECT pv.phase_type || '@' || pv.version AS key FROM phase_versions pv
        WHERE pv.phase_type || '@' || pv.version = ANY($1::text[])
          AND ($2::boolean OR EXISTS (
            SELECT 1 FROM course_phases cp
              JOIN course_members cm ON cm.course_id = cp.course_id
             WHERE cp.phase_type = pv.phase_type AND cm.user_id = $3))`,
      [[...new Set(reports.map((r) => `${r.phase}@${r.version}`))], user.isAdmin, user.id],
    );
    const known = new Set(rows.map((row) => row.key));
    return reports.filter((r) => known.has(`${r.phase}@${r.version}`));
  }

  async add(reports: PhaseLoadReport[]): Promise<void> {
    await this.db.transaction(async (tx) => {
      for (const r of reports) {
        await tx.query(
          `INSERT INTO phase_load_stats (phase_type, version, outcome, stage, day, count, total_ms, max_ms, last_at)
           VALUES ($1, $2, $3, $4, current_date, 1, $5::int, $5::int, now())
           ON CONFLICT (phase_type, version, outcome, stage, day) DO UPDATE SET
             count = phase_load_stats.count + 1,
             total_ms = phase_load_stats.total_ms + EXCLUDED.total_ms,
             max_ms = GREATEST(phase_load_stats.max_ms, EXCLUDED.max_ms),
             last_at = now()`,
          [r.phase, r.version, r.outcome, r.stage ?? '', r.durationMs],
        );
      }
    });
  }

  async stats(options: { phase?: string | undefined; days: number }): Promise<PhaseLoadStat[]> {
    const rows = await this.db.query<StatRow>(
      `SELECT phase_type, version, outcome, stage, sum(count) AS count, sum(total_ms) AS total_ms,
              max(max_ms) AS max_ms, max(last_at) AS last_at
       FROM phase_load_stats
       WHERE day > current_date - $1::int AND ($2::text IS NULL OR phase_type = $2)
       GROUP BY phase_type, version, outcome, stage
       ORDER BY phase_type, version, outcome, stage`,
      [options.days, options.phase ?? null],
    );
    return rows.map((row) => {
      const count = Number(row.count);
      return {
        phase: row.phase_type,
        version: row.version,
        outcome: row.outcome,
        stage: (row.stage || null) as PhaseLoadStat['stage'],
        count,
        averageMs: Math.round(Number(row.total_ms) / Math.max(count, 1)),
        maxMs: row.max_ms,
        lastAt: new Date(row.last_at).toISOString(),
      };
    });
  }
}
