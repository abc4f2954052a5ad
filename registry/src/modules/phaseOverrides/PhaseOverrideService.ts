/**
 * Developers' phase overrides: a user with the `overridePhases` permission makes their own sign-in
 * load a phase from their development server instead of the registered version. Setting one
 * validates the build exactly as a registration does (through `fetchPhaseDescriptor`, so under the
 * registry's address policy: in production only what it may fetch), and checks that it is a build
 * of that phase; nothing is registered, no version row exists, and only the resolve answers of that
 * sign-in change. An override stops applying the moment its user loses the permission, and ends
 * with the sign-in.
 */
import {
  type PhaseOverride,
  type ResolvedCourse,
  type User,
  userCan,
} from '@coursekit/phase-sdk/contract';
import type { Db } from '@coursekit/phase-sdk/server';
import { AppError, notFound } from '../../errors.js';
import type { FetchPolicy } from '../../net/safeFetch.js';
import { audit } from '../audit.js';
import { fetchPhaseDescriptor } from '../phaseTypes/fetchPhaseDescriptor.js';
import { PhaseTypeRepository } from '../phaseTypes/phaseTypeRepository.js';
import { PhaseOverrideRepository, type StoredPhaseOverride } from './phaseOverrideRepository.js';

const publicView = ({ manifestUrl: _, ...override }: StoredPhaseOverride): PhaseOverride =>
  override;

export class PhaseOverrideService {
  constructor(
    private readonly db: Db,
    private readonly fetchPolicy: FetchPolicy,
  ) {}

  async list(signInId: string): Promise<PhaseOverride[]> {
    return (await new PhaseOverrideRepository(this.db).list(signInId)).map(publicView);
  }

  /**
   * Validate the build at `descriptorUrl` and make it the sign-in's version of `phase`.
   *
   * @example
   * await overrides.set(user, signInId, 'intro-course', 'http://localhost:4101/phase.json');
   */
  async set(
    user: User,
    signInId: string,
    phase: string,
    descriptorUrl: string,
  ): Promise<PhaseOverride> {
    const type = await new PhaseTypeRepository(this.db).find(phase);
    if (!type) throw notFound('Phase type', phase);
    const { descriptor, manifestUrl } = await fetchPhaseDescriptor(descriptorUrl, this.fetchPolicy);
    if (descriptor.name !== phase) {
      throw new AppError(
        'CK_PHASE_DESCRIPTOR_INVALID',
        `The build at ${descriptorUrl} is of the phase "${descriptor.name}", not "${phase}"; override "${descriptor.name}" with it, or point at a build of "${phase}".`,
        [{ path: 'body.descriptorUrl', message: `a build of "${descriptor.name}"` }],
      );
    }
    if (descriptor.kind !== type.kind) {
      throw new AppError(
        'CK_PHASE_DESCRIPTOR_INVALID',
        `The build at ${descriptorUrl} is ${descriptor.kind}, but "${phase}" is registered as ${type.kind}; a phase keeps its kind.`,
        [{ path: 'body.descriptorUrl', message: `a ${descriptor.kind} build` }],
      );
    }
    return this.db.transaction(async (tx) => {
      const stored = await new PhaseOverrideRepository(tx).put(signInId, user.id, {
        phase,
        version: descriptor.version,
        descriptorUrl,
        manifestUrl,
      });
      // Not a registration: the log says who loads which build in their own browser.
      await audit(tx, {
        actorId: user.id,
        action: 'phase-override.set',
        entity: 'phase-type',
        entityId: phase,
        after: { descriptorUrl, version: descriptor.version },
      });
      return publicView(stored);
    });
  }

  /** End the sign-in's override of `phase` (nothing happens when there is none). */
  async clear(user: User, signInId: string, phase: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      const removed = await new PhaseOverrideRepository(tx).remove(signInId, phase);
      if (!removed) return;
      await audit(tx, {
        actorId: user.id,
        action: 'phase-override.clear',
        entity: 'phase-type',
        entityId: phase,
        before: { descriptorUrl: removed.descriptorUrl, version: removed.version },
      });
    });
  }

  /** The overrides that apply to this request: none for a user without the permission. */
  async active(user: User | null, signInId: string | null): Promise<StoredPhaseOverride[]> {
    if (!user || !signInId || !userCan(user, 'overridePhases')) return [];
    return new PhaseOverrideRepository(this.db).list(signInId);
  }
}

/**
 * The resolve answer as this sign-in sees it: each overridden phase loads the development build
 * (its files change with every rebuild, so no hashes are sent; `devOverride` tells the host).
 */
export function withOverrides(
  answer: ResolvedCourse,
  overrides: readonly StoredPhaseOverride[],
): ResolvedCourse {
  if (overrides.length === 0) return answer;
  const byPhase = new Map(overrides.map((override) => [override.phase, override]));
  return {
    ...answer,
    phases: answer.phases.map((phase) => {
      const override = byPhase.get(phase.phase);
      if (!override) return phase;
      return {
        ...phase,
        version: override.version,
        remote: {
          name: phase.remote.name,
          entry: override.manifestUrl,
          integrity: {},
          baseUrl: new URL('.', override.descriptorUrl).href,
        },
        devOverride: { descriptorUrl: override.descriptorUrl },
      };
    }),
  };
}

/** A short tag of the overrides for the resolve answer's ETag (changes when any does). */
export function overridesTag(overrides: readonly StoredPhaseOverride[]): string {
  return overrides.map((o) => `${o.phase}@${o.version}@${o.setAt}`).join(',');
}
