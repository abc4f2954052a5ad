/** SQL for the phase overrides of a sign-in. */
import type { PhaseOverride } from '@coursekit/phase-sdk/contract';
import type { Queryable } from '@coursekit/phase-sdk/server';

/** An override as stored: what the host needs to load the build, beside what the user sees. */
export interface StoredPhaseOverride extends PhaseOverride {
  manifestUrl: string;
}

interface Row {
  phase_type: string;
  version: string;
  descriptor_url: string;
  manifest_url: string;
  set_at: Date | string;
}

const toOverride = (row: Row): StoredPhaseOverride => ({
  phase: row.phase_type,
  version: row.version,
  descriptorUrl: row.descriptor_url,
  manifestUrl: row.manifest_url,
  setAt: new Date(row.set_at).toISOString(),
});

export class PhaseOverrideRepository {
  constructor(private readonly db: Queryable) {}

  async list(signInId: string): Promise<StoredPhaseOverride[]> {
    const rows = await this.db.query<Row>(
      `SELECT phase_type, version, descriptor_url, manifest_url, set_at FROM phase_overrides
       WHERE sign_in_id = $1 ORDER BY phase_type`,
      [signInId],
    );
    return rows.map(toOverride);
  }

  /** Set the sign-in's override of `override.phase`, replacing any earlier one. */
  async put(
    signInId: string,
    userId: string,
    override: Omit<StoredPhaseOverride, 'setAt'>,
  ): Promise<StoredPhaseOverride> {
    const [row] = await this.db.query<Row>(
      `INSERT INTO phase_overrides
         (sign_in_id, user_id, phase_type, version, descriptor_url, manifest_url)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (sign_in_id, phase_type) DO UPDATE SET
         version = EXCLUDED.version, descriptor_url = EXCLUDED.descriptor_url,
         manifest_url = EXCLUDED.manifest_url, set_at = now()
       RETURNING phase_type, version, descriptor_url, manifest_url, set_at`,
      [
        signInId,
        userId,
        override.phase,
        override.version,
        override.descriptorUrl,
        override.manifestUrl,
      ],
    );
    if (!row) throw new Error('Bug: storing a phase override returned no row.');
    return toOverride(row);
  }

  /** Remove the sign-in's override of `phase`; the removed one, or `null` when there was none. */
  async remove(signInId: string, phase: string): Promise<StoredPhaseOverride | null> {
    const [row] = await this.db.query<Row>(
      `DELETE FROM phase_overrides WHERE sign_in_id = $1 AND phase_type = $2
       RETURNING phase_type, version, descriptor_url, manifest_url, set_at`,
      [signInId, phase],
    );
    return row ? toOverride(row) : null;
  }
}
