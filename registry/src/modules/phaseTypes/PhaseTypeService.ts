/** Rules for phase types and versions: a version is accepted only after its build validated. */
import type {
  CreatePhaseType,
  PhaseDescriptor,
  PhaseFirstRender,
  PhaseType,
  PhaseVersion,
  RegisterPhaseVersion,
} from '@coursekit/phase-sdk/contract';
import type { Db } from '@coursekit/phase-sdk/server';
import type { z } from 'zod';
import { AppError, conflict, notFound } from '../../errors.js';
import { assertReachableUrl, type FetchPolicy, SafeFetchError } from '../../net/safeFetch.js';
import { audit } from '../audit.js';
import { CatalogueRepository } from '../catalogue/catalogueRepository.js';
import { bumpCompositionRevision } from '../coursePhases/compositionRevision.js';
import { schemaProblem } from '../coursePhases/PhaseConfigValidator.js';
import { fetchPhaseDescriptor } from './fetchPhaseDescriptor.js';
import { PhaseTypeRepository } from './phaseTypeRepository.js';

export class PhaseTypeService {
  private readonly repo: PhaseTypeRepository;

  constructor(
    private readonly db: Db,
    private readonly fetchPolicy: FetchPolicy,
  ) {
    this.repo = new PhaseTypeRepository(db);
  }

  list(): Promise<PhaseType[]> {
    return this.repo.list();
  }

  async create(
    input: z.output<typeof CreatePhaseType>,
    actorId: string | null,
  ): Promise<PhaseType> {
    return this.db.transaction(async (tx) => {
      if (!(await new PhaseTypeRepository(tx).insert(input))) {
        throw conflict(
          `The phase type "${input.name}" already exists; register a new version of it instead.`,
        );
      }
      await audit(tx, {
        actorId,
        action: 'phase-type.create',
        entity: 'phase-type',
        entityId: input.name,
        after: input,
      });
      return { ...input, latestVersion: null };
    });
  }

  async versions(name: string): Promise<PhaseVersion[]> {
    if (!(await this.repo.find(name))) throw notFound('Phase type', name);
    return this.repo.versions(name);
  }

  /**
   * Register a build by the URL of its `phase.json`. With `refresh`, an already registered version
   * gets the integrity of the new build (the development seed rebuilds under the same version).
   */
  async register(
    name: string,
    input: z.output<typeof RegisterPhaseVersion>,
    actorId: string | null,
    options: { refresh?: boolean } = {},
  ): Promise<PhaseVersion> {
    if (!(await this.repo.find(name))) throw notFound('Phase type', name);
    const { descriptor, manifestUrl, firstRender } = await fetchPhaseDescriptor(
      input.descriptorUrl,
      this.fetchPolicy,
    );
    return this.registerBuild(
      name,
      {
        descriptor,
        descriptorUrl: input.descriptorUrl,
        manifestUrl,
        serverUrl: input.serverUrl,
        firstRender,
      },
      actorId,
      options,
    );
  }

  /**
   * Register a build whose files were already checked (fetched by URL or uploaded). With
   * `sameBuild`, an already registered version with the same integrity is returned as is
   * (`created: false`) rather than refused: a repeated publish of the same bytes is idempotent.
   * `audit` names the audit action of a new version and what to record besides the version.
   */
  async registerBuild(
    name: string,
    build: {
      descriptor: PhaseDescriptor;
      descriptorUrl: string;
      manifestUrl: string;
      serverUrl: string | null;
      /** The first-render files read from the manifest; `null` when it cannot tell. */
      firstRender: PhaseFirstRender | null;
    },
    actorId: string | null,
    options: {
      refresh?: boolean;
      sameBuild?: boolean;
      audit?: { action: string; details: Record<string, unknown> };
    } = {},
  ): Promise<PhaseVersion & { created?: boolean }> {
    const { descriptor, manifestUrl } = build;
    const input = build;
    const type = await this.repo.find(name);
    if (!type) throw notFound('Phase type', name);
    if (descriptor.name !== name) {
      throw new AppError(
        'CK_PHASE_DESCRIPTOR_INVALID',
        `The descriptor at ${input.descriptorUrl} is for the phase "${descriptor.name}", not "${name}".`,
      );
    }
    if (descriptor.kind !== type.kind) {
      throw new AppError(
        'CK_PHASE_DESCRIPTOR_INVALID',
        `The build is ${descriptor.kind} but the phase type "${name}" is ${type.kind}.`,
      );
    }
    if (descriptor.kind === 'client-and-server' && !input.serverUrl) {
      throw new AppError(
        'CK_PHASE_DESCRIPTOR_INVALID',
        `"${name}" is a client-and-server phase: give the serverUrl of its backend.`,
        [{ path: 'body.serverUrl', message: 'required for client-and-server phases' }],
      );
    }
    const schemaError = descriptor.configSchema && schemaProblem(descriptor.configSchema);
    if (schemaError) {
      throw new AppError(
        'CK_PHASE_DESCRIPTOR_INVALID',
        `The configSchema in ${input.descriptorUrl} is no usable JSON Schema: ${schemaError}.`,
        [{ path: 'descriptor.configSchema', message: schemaError }],
      );
    }
    const configSchema = descriptor.configSchema ?? null;
    const serverUrl = descriptor.kind === 'client-and-server' ? input.serverUrl : null;
    if (serverUrl) {
      // The gateway will forward users' requests there: the same address policy as fetches.
      await assertReachableUrl(serverUrl, this.fetchPolicy).catch((error: unknown) => {
        if (!(error instanceof SafeFetchError)) throw error;
        throw new AppError(
          'CK_PHASE_DESCRIPTOR_INVALID',
          `The phase server at ${serverUrl} ${error.message}.`,
          [{ path: 'body.serverUrl', message: error.message }],
        );
      });
    }
    return this.db.transaction(async (tx) => {
      const catalogue = new CatalogueRepository(tx);
      const repo = new PhaseTypeRepository(tx);
      const created = await repo.insertVersion(
        {
          phase: name,
          version: descriptor.version,
          descriptorUrl: input.descriptorUrl,
          manifestUrl,
          serverUrl,
          sdk: descriptor.sdk,
          integrity: descriptor.integrity,
        },
        build.firstRender,
      );
      if (!created) {
        const existing = await repo.findVersion(name, descriptor.version);
        if (options.refresh && existing) {
          await repo.refreshBuild(existing.id, descriptor.integrity, serverUrl, build.firstRender);
          await catalogue.setConfigSchema(existing.id, configSchema);
          await bumpCompositionRevision(tx);
          const changed =
            JSON.stringify(existing.integrity) !== JSON.stringify(descriptor.integrity) ||
            existing.serverUrl !== serverUrl;
          if (changed)
            await audit(tx, {
              actorId,
              action: 'phase-version.refresh',
              entity: 'phase-type',
              entityId: name,
              before: existing,
              after: { ...existing, integrity: descriptor.integrity, serverUrl },
            });
          return { ...existing, integrity: descriptor.integrity, serverUrl };
        }
        if (
          options.sameBuild &&
          existing &&
          sameIntegrity(existing.integrity, descriptor.integrity)
        ) {
          return { ...existing, created: false };
        }
        throw conflict(
          `Version ${descriptor.version} of "${name}" is already registered; versions are immutable, so bump the version and rebuild.`,
        );
      }
      await catalogue.setConfigSchema(created.id, configSchema);
      await bumpCompositionRevision(tx);
      await audit(tx, {
        actorId,
        action: options.audit?.action ?? 'phase-version.register',
        entity: 'phase-type',
        entityId: name,
        after: { ...created, ...options.audit?.details },
      });
      return created;
    });
  }
}

function sameIntegrity(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}
