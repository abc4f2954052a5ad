/**
 * Publishing a built client-only phase: the uploaded `dist/` files are checked (descriptor schema,
 * `./Phase`, SDK range, MF manifest, every file's SHA-384 against `phase.json`, no missing and no
 * extra file), stored as a whole in the `BundleStore`, and registered through `PhaseTypeService`
 * under the immutable URL the store serves them at. The same bytes again answer
 * the existing version; other bytes under an existing version are a 409 and change nothing.
 */
import {
  type ApiToken,
  PHASE_DESCRIPTOR_FILE,
  type PhaseDescriptor,
  type PhaseFirstRender,
  type PhaseVersion,
  type PublishPhaseBundle,
  type User,
} from '@coursekit/phase-sdk/contract';
import type { Db } from '@coursekit/phase-sdk/server';
import { AppError, conflict, invalid } from '../../errors.js';
import type { FetchPolicy } from '../../net/safeFetch.js';
import { validateDescriptor, validateManifest } from '../phaseTypes/fetchPhaseDescriptor.js';
import { firstRenderFiles } from '../phaseTypes/firstRenderFiles.js';
import { PhaseTypeService } from '../phaseTypes/PhaseTypeService.js';
import { PhaseTypeRepository } from '../phaseTypes/phaseTypeRepository.js';
import type { PublishingService } from '../publishing/PublishingService.js';
import {
  compareEncodedCopy,
  compareFile,
  ENCODED_COPY,
  type IntegrityProblem,
  integrityError,
  missingEntryFiles,
  remoteEntryPath,
} from '../releases/buildIntegrity.js';
import { isSourceMap } from '../web/PublicSourceMaps.js';
import type { BundleStore } from './BundleStore.js';

const rejected = (detail: string) => new AppError('CK_PHASE_DESCRIPTOR_INVALID', detail);

function parseJson(bytes: Uint8Array | undefined, what: string): unknown {
  if (!bytes) throw rejected(`The upload has no ${what}; publish the whole dist/ folder.`);
  try {
    return JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch {
    throw rejected(`The uploaded ${what} is not JSON.`);
  }
}

export class PublishService {
  private readonly types: PhaseTypeService;

  constructor(
    private readonly db: Db,
    private readonly store: BundleStore,
    private readonly publishing: PublishingService,
    fetchPolicy: FetchPolicy,
  ) {
    this.types = new PhaseTypeService(db, fetchPolicy);
  }

  /** Publish `bundle` as `user`, who came with `token` (or a session when `null`). */
  async publish(
    bundle: PublishPhaseBundle,
    user: User,
    token: ApiToken | null,
  ): Promise<{ version: PhaseVersion; created: boolean }> {
    const files = new Map(
      Object.entries(bundle.files).map(([path, base64]) => [path, Buffer.from(base64, 'base64')]),
    );
    const nested = [...files.keys()].filter((path) =>
      path
        .split('/')
        .slice(0, -1)
        .some((_, i, folders) => files.has(folders.slice(0, i + 1).join('/'))),
    );
    if (nested.length > 0) {
      throw invalid(
        `${nested.join(', ')} lie(s) inside a path that is also uploaded as a file; a path is a file or a folder, not both.`,
        nested.map((path) => ({
          path: `body.files.${path}`,
          message: 'inside a path uploaded as a file',
        })),
      );
    }
    const descriptorBytes = files.get(PHASE_DESCRIPTOR_FILE);
    const descriptor = validateDescriptor(
      parseJson(descriptorBytes, PHASE_DESCRIPTOR_FILE),
      `upload:${PHASE_DESCRIPTOR_FILE}`,
    );
    await this.publishing.assertMayPublish(user, token, descriptor.name);
    if (descriptor.kind !== 'client-only') {
      throw rejected(
        `"${descriptor.name}" is a ${descriptor.kind} phase; only client-only phases can be published, register the others by URL with their serverUrl.`,
      );
    }
    const manifest = validateManifest(
      parseJson(
        files.get(descriptor.manifest),
        `Module Federation manifest (${descriptor.manifest})`,
      ),
      descriptor,
      `upload:${descriptor.manifest}`,
    );
    // A bucket or CDN serves whatever is stored: maps the build does not make public stay out.
    const maps = [...files.keys()].filter(isSourceMap);
    if (maps.length > 0 && descriptor.sourceMaps !== 'public') {
      throw rejected(
        `The upload has source maps (${maps.slice(0, 3).join(', ')}${maps.length > 3 ? ', …' : ''}) but its phase.json does not make them public. Rebuild with definePhaseConfig, which emits none by default, or with definePhaseConfig({ sourceMaps: 'public' }) to publish them.`,
      );
    }
    const problems: (IntegrityProblem | null)[] = missingEntryFiles(descriptor.integrity, [
      descriptor.manifest,
      remoteEntryPath(descriptor.manifest, manifest),
    ]);
    for (const [file, expected] of Object.entries(descriptor.integrity)) {
      const bytes = files.get(file);
      problems.push(
        bytes
          ? compareFile(file, expected, bytes)
          : { file, problem: 'listed in phase.json but missing from the upload' },
      );
    }
    for (const [file, bytes] of files) {
      if (file === PHASE_DESCRIPTOR_FILE || Object.hasOwn(descriptor.integrity, file)) continue;
      // The build's .br/.gz copy of a listed file: served to browsers that accept it.
      const original = ENCODED_COPY.exec(file)?.[1];
      const originalBytes = original && files.get(original);
      problems.push(
        original && originalBytes && Object.hasOwn(descriptor.integrity, original)
          ? compareEncodedCopy(file, bytes, originalBytes)
          : { file, problem: 'uploaded but not listed in phase.json "integrity"' },
      );
    }
    const mismatch = integrityError(
      `the upload of ${descriptor.name} ${descriptor.version}`,
      problems.filter((problem): problem is IntegrityProblem => problem !== null),
    );
    if (mismatch) throw mismatch;

    if (!this.store.servesEncodedCopies) {
      for (const file of files.keys())
        if (ENCODED_COPY.test(file) && !Object.hasOwn(descriptor.integrity, file))
          files.delete(file);
    }

    // The type comes from the build on its first publish, and goes again if that publish fails.
    const types = new PhaseTypeRepository(this.db);
    const newType = await types.insert({
      name: descriptor.name,
      title: descriptor.title,
      kind: descriptor.kind,
      description: descriptor.description,
    });
    try {
      return await this.storeAndRegister(
        descriptor,
        firstRenderFiles(descriptor, manifest),
        files,
        descriptorBytes as Uint8Array,
        user,
        token,
      );
    } catch (error) {
      if (newType) await types.deleteUnused(descriptor.name);
      throw error;
    }
  }

  /** Store the checked build and register it; a refused registration leaves no build behind. */
  private async storeAndRegister(
    descriptor: PhaseDescriptor,
    firstRender: PhaseFirstRender | null,
    files: Map<string, Buffer>,
    descriptorBytes: Uint8Array,
    user: User,
    token: ApiToken | null,
  ): Promise<{ version: PhaseVersion; created: boolean }> {
    const stored = await this.store.put(
      descriptor.name,
      descriptor.version,
      files,
      descriptorBytes,
    );
    if (stored.outcome === 'different') throw this.otherBuild(descriptor.name, descriptor.version);
    const descriptorUrl = new URL(PHASE_DESCRIPTOR_FILE, stored.baseUrl).href;
    let version: PhaseVersion & { created?: boolean };
    try {
      version = await this.types.registerBuild(
        descriptor.name,
        {
          descriptor,
          descriptorUrl,
          manifestUrl: new URL(descriptor.manifest, stored.baseUrl).href,
          serverUrl: null,
          firstRender,
        },
        user.id,
        {
          sameBuild: true,
          audit: {
            action: 'phase-version.publish',
            details: {
              publishedWith: token ? { apiToken: token.id, name: token.name } : 'session',
              files: files.size,
              bytes: [...files.values()].reduce((sum, bytes) => sum + bytes.length, 0),
            },
          },
        },
      );
    } catch (error) {
      // A refused registration (another build won this version, say) must not leave this build
      // behind; after an unexpected failure it stays, and publishing again finds it.
      if (stored.outcome === 'stored' && error instanceof AppError)
        await this.store.discard(stored.baseUrl);
      throw error;
    }
    // A content-addressed store kept a second copy of a build already registered elsewhere.
    if (stored.outcome === 'stored' && version.descriptorUrl !== descriptorUrl)
      await this.store.discard(stored.baseUrl);
    const { created = true, ...rest } = version;
    return { version: rest, created };
  }

  private otherBuild(name: string, version: string): AppError {
    return conflict(
      `Version ${version} of "${name}" is already published with other files; versions are immutable, so bump the version in package.json and rebuild.`,
    );
  }
}
