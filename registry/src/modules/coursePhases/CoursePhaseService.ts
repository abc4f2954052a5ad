/**
 * Course composition rules: add, order, enable/disable, pin; and the resolve answer the host
 * loads phases from. Positions stay contiguous (0..n-1), renumbered in the change's transaction.
 */
import type {
  CoursePhase,
  CreateCoursePhase,
  ResolvedCourse,
  ResolvedPhase,
  UpdateCoursePhase,
} from '@coursekit/phase-sdk/contract';
import type { z } from 'zod';
import type { Db, Queryable } from '../../db/Db.js';
import { AppError, notFound } from '../../errors.js';
import type { CourseAccess } from '../../plugins/authPlugin.js';
import { audit } from '../audit.js';
import { CourseRepository } from '../courses/courseRepository.js';
import { latestActive, PhaseTypeRepository } from '../phaseTypes/phaseTypeRepository.js';
import { SERVABLE_STATUSES } from '../releases/VersionStatusService.js';
import { bumpCompositionRevision, compositionRevision } from './compositionRevision.js';
import { CoursePhaseRepository } from './coursePhaseRepository.js';

export class CoursePhaseService {
  constructor(private readonly db: Db) {}

  /**
   * The enabled phases of a course, in order, each resolved to the version its pin selects, with
   * the composition revision it was computed at. Answers are cached per course and revision, so
   * the hot path is one query for the revision; any change bumps the revision on every replica.
   */
  async resolve(access: CourseAccess): Promise<{ answer: ResolvedCourse; revision: number }> {
    const revision = await compositionRevision(this.db);
    const key = access.courseId;
    let cached = this.cache.get(key);
    if (cached?.revision !== revision) {
      cached = { revision, answer: await this.compute(access.courseId) };
      this.cache.set(key, cached);
      if (this.cache.size > 1_000) this.cache.delete(this.cache.keys().next().value as string);
    }
    return { answer: { ...cached.answer, role: access.role }, revision };
  }

  private readonly cache = new Map<string, { revision: number; answer: ResolvedCourse }>();

  private async compute(courseId: string): Promise<ResolvedCourse> {
    const course = await new CourseRepository(this.db).findById(courseId);
    if (!course) throw notFound('Course', courseId);
    const composition = (await new CoursePhaseRepository(this.db).list(courseId)).filter(
      (p) => p.enabled,
    );
    const types = new PhaseTypeRepository(this.db);
    const phases: ResolvedPhase[] = [];
    for (const coursePhase of composition) {
      const type = await types.find(coursePhase.phase);
      const versions = await types.versions(coursePhase.phase);
      const version =
        coursePhase.pin === 'latest'
          ? latestActive(versions)
          : (versions.find(
              (v) => v.version === coursePhase.pin && SERVABLE_STATUSES.includes(v.status),
            ) ?? null);
      // A phase without a usable version cannot be loaded; the host should not offer it.
      if (!type || !version) continue;
      phases.push({
        coursePhaseId: coursePhase.id,
        courseId: coursePhase.courseId,
        phase: coursePhase.phase,
        title: coursePhase.title,
        position: coursePhase.position,
        kind: type.kind,
        version: version.version,
        remote: {
          name: coursePhase.phase,
          entry: version.manifestUrl,
          integrity: version.integrity,
          // The descriptor's integrity keys are relative to the folder of phase.json.
          baseUrl: new URL('.', version.descriptorUrl).href,
        },
        config: coursePhase.config,
      });
    }
    return {
      course: { id: course.id, slug: course.slug, title: course.title, term: course.term },
      role: null,
      phases,
    };
  }

  composition(courseId: string): Promise<CoursePhase[]> {
    return new CoursePhaseRepository(this.db).list(courseId);
  }

  async add(
    courseId: string,
    input: z.output<typeof CreateCoursePhase>,
    actorId: string | null,
  ): Promise<CoursePhase> {
    return this.db.transaction(async (tx) => {
      await this.checkPhase(tx, input.phase, input.pin);
      const repo = new CoursePhaseRepository(tx);
      await repo.lockCourse(courseId);
      const existing = await repo.list(courseId);
      const position = Math.min(input.position ?? existing.length, existing.length);
      const created = await repo.insert({
        courseId,
        phase: input.phase,
        title: input.title,
        position,
        enabled: input.enabled,
        pin: input.pin,
        config: input.config,
      });
      const order = [...existing];
      order.splice(position, 0, created);
      await renumber(repo, order);
      await bumpCompositionRevision(tx);
      await audit(tx, {
        actorId,
        action: 'course-phase.add',
        entity: 'course-phase',
        entityId: created.id,
        after: created,
      });
      return created;
    });
  }

  async update(
    courseId: string,
    id: string,
    patch: UpdateCoursePhase,
    actorId: string | null,
  ): Promise<CoursePhase> {
    return this.db.transaction(async (tx) => {
      const repo = new CoursePhaseRepository(tx);
      await repo.lockCourse(courseId);
      const before = await repo.find(courseId, id);
      if (!before) throw notFound('Course phase', id);
      if (patch.pin !== undefined) await this.checkPhase(tx, before.phase, patch.pin);
      const existing = await repo.list(courseId);
      const position = Math.min(patch.position ?? before.position, existing.length - 1);
      const updated = await repo.update({ ...before, ...patch, position });
      if (position !== before.position) {
        const order = existing.filter((p) => p.id !== id);
        order.splice(position, 0, updated);
        await renumber(repo, order);
      }
      await bumpCompositionRevision(tx);
      await audit(tx, {
        actorId,
        action: 'course-phase.update',
        entity: 'course-phase',
        entityId: id,
        before,
        after: updated,
      });
      return updated;
    });
  }

  private async checkPhase(tx: Queryable, phase: string, pin: string): Promise<void> {
    const types = new PhaseTypeRepository(tx);
    if (!(await types.find(phase))) {
      throw new AppError(
        'CK_NO_PHASE_VERSION',
        `The phase type "${phase}" is not registered; register it under /api/phase-types first.`,
        [{ path: 'body.phase', message: 'unknown phase type' }],
      );
    }
    const pinned = pin === 'latest' ? null : await types.findVersion(phase, pin);
    if (pin !== 'latest' && !pinned) {
      throw new AppError(
        'CK_NO_PHASE_VERSION',
        `Version ${pin} of "${phase}" is not registered; pin a registered version or "latest".`,
        [{ path: 'body.pin', message: 'unknown version' }],
      );
    }
    if (pinned?.status === 'yanked') {
      throw new AppError(
        'CK_NO_PHASE_VERSION',
        `Version ${pin} of "${phase}" is yanked and never served; pin another version or "latest".`,
        [{ path: 'body.pin', message: 'yanked version' }],
      );
    }
  }
}

async function renumber(repo: CoursePhaseRepository, order: CoursePhase[]): Promise<void> {
  for (const [index, phase] of order.entries()) {
    if (phase.position !== index) await repo.setPosition(phase.id, index);
  }
}
