/**
 * Deprecating and yanking phase versions. A deprecated version stays available to the courses
 * pinned to it but `latest` no longer chooses it. A yanked version is never served again: in the
 * same transaction every course phase pinned to it falls back to the highest earlier version that
 * is not yanked (or to `latest` when there is none), each fallback is audited, and the lecturers
 * of each affected course get a notice. A yank is final: a version with a known fault must not
 * come back by a slip, so a fixed build gets a new version.
 */
import type {
  PhaseVersionStatus,
  PhaseVersionStatusChange,
  SetPhaseVersionStatus,
} from '@coursekit/phase-sdk/contract';
import type { Db } from '@coursekit/phase-sdk/server';
import semver from 'semver';
import type { z } from 'zod';
import { conflict, notFound } from '../../errors.js';
import { audit } from '../audit.js';
import {
  bumpCompositionRevision,
  bumpCourseComposition,
} from '../coursePhases/compositionRevision.js';
import { latestActive, PhaseTypeRepository } from '../phaseTypes/phaseTypeRepository.js';
import { VersionStatusRepository } from './versionStatusRepository.js';

/** Statuses a pinned course phase may run; `latest` picks among `active` ones only. */
export const SERVABLE_STATUSES: readonly PhaseVersionStatus[] = ['active', 'deprecated'];

export class VersionStatusService {
  constructor(private readonly db: Db) {}

  async setStatus(
    phase: string,
    version: string,
    input: z.output<typeof SetPhaseVersionStatus>,
    actorId: string | null,
  ): Promise<PhaseVersionStatusChange> {
    return this.db.transaction(async (tx) => {
      const repo = new VersionStatusRepository(tx);
      const types = new PhaseTypeRepository(tx);
      const before = await repo.lockStatus(phase, version);
      if (before === null) throw notFound('Phase version', `${phase}@${version}`);
      if (before === 'yanked' && input.status !== 'yanked') {
        throw conflict(
          `${phase} ${version} is yanked, and a yank is final; publish or register a new version instead.`,
        );
      }
      const fallbacks: PhaseVersionStatusChange['fallbacks'] = [];
      if (before !== input.status) {
        const versionsBefore = await types.versions(phase);
        await repo.setStatus(phase, version, input.status);
        if (input.status === 'yanked') {
          const remaining = versionsBefore.filter(
            (v) => v.version !== version && SERVABLE_STATUSES.includes(v.status),
          );
          const previous = remaining
            .filter((v) => semver.lt(v.version, version))
            .sort((a, b) => semver.rcompare(a.version, b.version))[0];
          const to = previous?.version ?? 'latest';
          const pinned = await repo.coursePhasesPinnedTo(phase, version);
          for (const coursePhase of pinned) {
            await repo.repin(coursePhase.id, to);
            // Editors holding the course's old composition revision must see this change first.
            await bumpCourseComposition(tx, coursePhase.courseId);
            fallbacks.push({
              courseId: coursePhase.courseId,
              coursePhaseId: coursePhase.id,
              from: version,
              to,
            });
            await audit(tx, {
              actorId,
              action: 'course-phase.fallback',
              entity: 'course-phase',
              entityId: coursePhase.id,
              before: { courseId: coursePhase.courseId, phase, pin: version },
              after: { courseId: coursePhase.courseId, phase, pin: to, reason: input.reason },
            });
          }
          // Courses following `latest` moved too when the yanked version was their latest.
          const following =
            latestActive(versionsBefore)?.version === version
              ? await repo.coursePhasesPinnedTo(phase, 'latest')
              : [];
          const now = latestActive(remaining)?.version ?? null;
          await this.notifyLecturers(repo, phase, version, input.reason, [
            ...pinned.map((p) => ({ ...p, to })),
            ...following.map((p) => ({ ...p, to: now ? `latest (${now})` : 'no version' })),
          ]);
        }
        await bumpCompositionRevision(tx);
      }
      await audit(tx, {
        actorId,
        action: `phase-version.${input.status === 'active' ? 'activate' : input.status === 'deprecated' ? 'deprecate' : 'yank'}`,
        entity: 'phase-type',
        entityId: phase,
        before: { version, status: before },
        after: { version, status: input.status, reason: input.reason, fallbacks },
      });
      const updated = await types.findVersion(phase, version);
      if (!updated) throw new Error(`Bug: ${phase}@${version} vanished inside its transaction.`);
      return { version: updated, fallbacks };
    });
  }

  private async notifyLecturers(
    repo: VersionStatusRepository,
    phase: string,
    version: string,
    reason: string,
    moved: { courseId: string; title: string; courseTitle: string; to: string }[],
  ): Promise<void> {
    const byCourse = new Map<string, typeof moved>();
    for (const m of moved) byCourse.set(m.courseId, [...(byCourse.get(m.courseId) ?? []), m]);
    for (const [courseId, phases] of byCourse) {
      const list = phases.map((p) => `"${p.title}" now runs ${p.to}`).join('; ');
      const body = `Version ${version} of the phase "${phase}" was yanked${reason ? ` (${reason})` : ''}. In ${phases[0]?.courseTitle}: ${list}. Check these phases and pin another version if needed.`;
      for (const userId of await repo.lecturersOf(courseId)) {
        await repo.addNotice(userId, {
          courseId,
          kind: 'phase-version-yanked',
          title: `${phase} ${version} was yanked`,
          body,
        });
      }
    }
  }
}
