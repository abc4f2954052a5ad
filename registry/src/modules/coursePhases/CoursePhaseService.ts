/**
 * Course composition rules: add, order, enable/disable, pin, configure; and the resolve answer the
 * host loads phases from. Positions stay contiguous (0..n-1), renumbered in the change's
 * transaction. Every change names the course's composition revision it was based on (If-Match)
 * and is refused with the current composition when another change came first; a phase without a
 * usable version cannot be enabled; a configuration must match the schema its version declares.
 */
import type {
  Composition,
  CompositionPhase,
  CoursePhase,
  CreateCoursePhase,
  FieldError,
  ResolvedCourse,
  ResolvedPhase,
  UpdateCoursePhase,
} from '@coursekit/phase-sdk/contract';
import type { Db, Queryable } from '@coursekit/phase-sdk/server';
import type { z } from 'zod';
import type { ChangeFeed } from '../../cache/ChangeFeed.js';
import { COMPOSITION_TOPIC } from '../../cache/changeTopics.js';
import { ReplicaCache } from '../../cache/ReplicaCache.js';
import { AppError, invalid, notFound } from '../../errors.js';
import type { CourseAccess } from '../../plugins/authPlugin.js';
import { audit } from '../audit.js';
import { CatalogueRepository, type VersionWithSchema } from '../catalogue/catalogueRepository.js';
import { CourseRepository } from '../courses/courseRepository.js';
import { PhaseTypeRepository } from '../phaseTypes/phaseTypeRepository.js';
import {
  bumpCourseComposition,
  compositionRevision,
  courseCompositionRevision,
  parseCompositionIfMatch,
} from './compositionRevision.js';
import { CoursePhaseRepository } from './coursePhaseRepository.js';
import { configErrors } from './PhaseConfigValidator.js';
import { resolvePin } from './resolvePin.js';

/** How long a replica trusts the composition revision it read without asking again. */
export const REVISION_CACHE_MS = 5_000;

export class CoursePhaseService {
  constructor(
    private readonly db: Db,
    changes?: ChangeFeed,
  ) {
    this.revision = new ReplicaCache({
      max: 1,
      ttlMs: REVISION_CACHE_MS,
      changes,
      topics: [COMPOSITION_TOPIC],
    });
  }

  /**
   * The enabled phases of a course, in order, each resolved to the version its pin selects, with
   * the composition revision it was computed at. Answers are cached per course and revision, and
   * the revision itself is kept in memory for at most `REVISION_CACHE_MS`: every change that bumps
   * it goes through the API, which drops the kept revision on every replica (`composition` topic),
   * so the hot path asks the database nothing.
   */
  async resolve(access: CourseAccess): Promise<{ answer: ResolvedCourse; revision: number }> {
    const revision = await this.revision.get('global', () => compositionRevision(this.db));
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
  private readonly revision: ReplicaCache<number>;

  private async compute(courseId: string): Promise<ResolvedCourse> {
    const course = await new CourseRepository(this.db).findById(courseId);
    if (!course) throw notFound('Course', courseId);
    const composition = await this.composition(courseId);
    const types = new PhaseTypeRepository(this.db);
    const phases: ResolvedPhase[] = [];
    const versions = await this.versionsByPhase(this.db);
    for (const coursePhase of composition.phases) {
      if (!coursePhase.enabled) continue;
      const type = await types.find(coursePhase.phase);
      const { version } = resolvePin(
        coursePhase.phase,
        versions.get(coursePhase.phase) ?? [],
        coursePhase.pin,
      );
      // A phase without a usable version cannot be loaded; staff see why in the composition.
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
          ...(version.firstRender ? { firstRender: version.firstRender } : {}),
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

  /** Every course phase with whether students can get it now, at the course's revision. */
  async composition(courseId: string, db: Queryable = this.db): Promise<Composition> {
    const revision = await courseCompositionRevision(db, courseId);
    if (revision === null) throw notFound('Course', courseId);
    const versions = await this.versionsByPhase(db);
    const phases = (await new CoursePhaseRepository(db).list(courseId)).map(
      (phase): CompositionPhase => {
        const { version, reason } = resolvePin(
          phase.phase,
          versions.get(phase.phase) ?? [],
          phase.pin,
        );
        return {
          ...phase,
          availability: { available: version !== null, version: version?.version ?? null, reason },
        };
      },
    );
    return { revision, phases };
  }

  async add(
    courseId: string,
    input: z.output<typeof CreateCoursePhase>,
    ifMatch: string | undefined,
    actorId: string | null,
  ): Promise<CoursePhase> {
    return this.db.transaction(async (tx) => {
      await this.checkRevision(tx, courseId, ifMatch);
      if (!(await new PhaseTypeRepository(tx).find(input.phase))) {
        throw new AppError(
          'CK_NO_PHASE_VERSION',
          `The phase type "${input.phase}" is not registered; register it under /api/phase-types first.`,
          [{ path: 'body.phase', message: 'unknown phase type' }],
        );
      }
      const repo = new CoursePhaseRepository(tx);
      const existing = await repo.list(courseId);
      const position = input.position ?? existing.length;
      if (position > existing.length) {
        throw invalid(
          `Position ${position} is out of range; this course has ${existing.length} phases, so use 0 to ${existing.length}.`,
          [{ path: 'body.position', message: `must be between 0 and ${existing.length}` }],
        );
      }
      checkTitle(existing, input.title, null);
      await this.checkVersionAndConfig(tx, input.phase, input.pin, input.enabled, input.config);
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
      await bumpCourseComposition(tx, courseId);
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
    ifMatch: string | undefined,
    actorId: string | null,
  ): Promise<CoursePhase> {
    return this.db.transaction(async (tx) => {
      await this.checkRevision(tx, courseId, ifMatch);
      const repo = new CoursePhaseRepository(tx);
      const before = await repo.find(courseId, id);
      if (!before) throw notFound('Course phase', id);
      const existing = await repo.list(courseId);
      const position = patch.position ?? before.position;
      if (position > existing.length - 1) {
        throw invalid(
          `Position ${position} is out of range; this course has ${existing.length} phases, so use 0 to ${existing.length - 1}.`,
          [{ path: 'body.position', message: `must be between 0 and ${existing.length - 1}` }],
        );
      }
      if (patch.title !== undefined) checkTitle(existing, patch.title, id);
      const next = { ...before, ...patch, position };
      if (
        patch.pin !== undefined ||
        patch.config !== undefined ||
        (patch.enabled === true && !before.enabled)
      ) {
        await this.checkVersionAndConfig(tx, before.phase, next.pin, next.enabled, next.config);
      }
      const updated = await repo.update(next);
      if (position !== before.position) {
        const order = existing.filter((p) => p.id !== id);
        order.splice(position, 0, updated);
        await renumber(repo, order);
      }
      await bumpCourseComposition(tx, courseId);
      await audit(tx, {
        actorId,
        action: actionOf(before, updated),
        entity: 'course-phase',
        entityId: id,
        before,
        after: updated,
      });
      return updated;
    });
  }

  /** Lock the course's composition and refuse a change based on another revision than the current. */
  private async checkRevision(
    tx: Queryable,
    courseId: string,
    ifMatch: string | undefined,
  ): Promise<void> {
    const current = await courseCompositionRevision(tx, courseId, { lock: true });
    if (current === null) throw notFound('Course', courseId);
    const expected = parseCompositionIfMatch(ifMatch);
    if (expected === null) {
      throw new AppError(
        'CK_PRECONDITION_REQUIRED',
        `Composition changes must name the revision they were based on: send If-Match: "${current}" (the ETag of GET /api/courses/${courseId}/composition), or "*" to apply over any revision.`,
      );
    }
    if (expected !== '*' && expected !== current) {
      throw new AppError(
        'CK_COMPOSITION_CONFLICT',
        `The composition of this course changed since revision ${expected} (it is at ${current} now); review the current composition and apply your change again.`,
        undefined,
        { current: await this.composition(courseId, tx) },
      );
    }
  }

  /**
   * The version the pin selects must exist, and be usable when the phase is enabled; the config
   * must match the JSON Schema that version declares.
   */
  private async checkVersionAndConfig(
    tx: Queryable,
    phase: string,
    pin: string,
    enabled: boolean,
    config: unknown,
  ): Promise<void> {
    const versions = (await this.versionsByPhase(tx, phase)).get(phase) ?? [];
    if (pin !== 'latest' && !versions.some((v) => v.version === pin)) {
      throw new AppError(
        'CK_NO_PHASE_VERSION',
        `Version ${pin} of "${phase}" is not registered; pin a registered version or "latest".`,
        [{ path: 'body.pin', message: 'unknown version' }],
      );
    }
    if (pin !== 'latest' && versions.find((v) => v.version === pin)?.status === 'yanked') {
      throw new AppError(
        'CK_NO_PHASE_VERSION',
        `Version ${pin} of "${phase}" is yanked and never served; pin another version or "latest".`,
        [{ path: 'body.pin', message: 'yanked version' }],
      );
    }
    const { version, reason } = resolvePin(phase, versions, pin);
    if (!version) {
      if (!enabled) return;
      throw new AppError(
        'CK_NO_PHASE_VERSION',
        `"${phase}" cannot be enabled: ${reason} Students would not see it; register or pin a usable version first, or keep it disabled.`,
        [{ path: pin === 'latest' ? 'body.enabled' : 'body.pin', message: reason ?? 'unusable' }],
      );
    }
    if (version.configSchema) {
      const errors: FieldError[] = configErrors(version.configSchema, config, 'body.config');
      if (errors.length > 0) {
        throw invalid(
          `The configuration does not match the schema of "${phase}" ${version.version}: ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}.`,
          errors,
        );
      }
    }
  }

  private async versionsByPhase(
    db: Queryable,
    phase?: string,
  ): Promise<Map<string, VersionWithSchema[]>> {
    const byPhase = new Map<string, VersionWithSchema[]>();
    for (const version of await new CatalogueRepository(db).versions(phase)) {
      byPhase.set(version.phase, [...(byPhase.get(version.phase) ?? []), version]);
    }
    return byPhase;
  }
}

/** Titles name phases in the course's navigation: two of one name would be indistinguishable. */
function checkTitle(existing: CoursePhase[], title: string, selfId: string | null): void {
  const clash = existing.find(
    (p) => p.id !== selfId && p.title.toLocaleLowerCase() === title.toLocaleLowerCase(),
  );
  if (clash) {
    throw new AppError(
      'CK_CONFLICT',
      `This course already has a phase titled "${clash.title}"; pick another title.`,
      [{ path: 'body.title', message: 'already used in this course' }],
    );
  }
}

/** The audit action of an update, by what changed most visibly. */
function actionOf(before: CoursePhase, after: CoursePhase): string {
  if (before.enabled !== after.enabled)
    return after.enabled ? 'course-phase.enable' : 'course-phase.disable';
  if (before.pin !== after.pin) return 'course-phase.pin';
  if (before.position !== after.position) return 'course-phase.move';
  if (JSON.stringify(before.config) !== JSON.stringify(after.config))
    return 'course-phase.configure';
  return 'course-phase.update';
}

async function renumber(repo: CoursePhaseRepository, order: CoursePhase[]): Promise<void> {
  for (const [index, phase] of order.entries()) {
    if (phase.position !== index) await repo.setPosition(phase.id, index);
  }
}
