/**
 * The phase catalogue as the admin console shows it: every phase type with its versions (newest
 * first), each with where its bundle lives, its configuration schema, how many course phases
 * resolve to it now, and its last health probe.
 */
import type { Catalogue } from '@coursekit/phase-sdk/contract';
import type { Db } from '../../db/Db.js';
import { resolvePin } from '../coursePhases/resolvePin.js';
import { PhaseTypeRepository } from '../phaseTypes/phaseTypeRepository.js';
import { CatalogueRepository, UNKNOWN_HEALTH } from './catalogueRepository.js';

export class CatalogueService {
  constructor(private readonly db: Db) {}

  async catalogue(): Promise<Catalogue> {
    const repo = new CatalogueRepository(this.db);
    const [types, versions, health, pins] = await Promise.all([
      new PhaseTypeRepository(this.db).list(),
      repo.versions(),
      repo.health(),
      repo.coursePhasePins(),
    ]);
    const usedBy = new Map<string, number>();
    for (const { phase, pin } of pins) {
      const { version } = resolvePin(
        phase,
        versions.filter((v) => v.phase === phase),
        pin,
      );
      if (version) usedBy.set(version.id, (usedBy.get(version.id) ?? 0) + 1);
    }
    return types.map((type) => ({
      ...type,
      versions: versions
        .filter((v) => v.phase === type.name)
        .map((v) => ({
          ...v,
          health: health.get(v.id) ?? UNKNOWN_HEALTH,
          usedBy: usedBy.get(v.id) ?? 0,
        })),
    }));
  }
}
