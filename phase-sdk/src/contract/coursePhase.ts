/**
 * Course composition: which phases a course has, in which order, at which version. The resolve
 * answer (`GET /api/courses/:courseId/phases`) is what the host needs to load each remote.
 */
import { z } from 'zod';
import { BuildFilePath, Integrity, PhaseKind, PhaseName, SemVer } from './phaseDescriptor.js';
import { storableJson, storableText, storableTextCheck } from './storable.js';
import { CourseRole, Id } from './user.js';

export const PhaseConfig = z.record(storableText(), storableJson());
export type PhaseConfig = z.infer<typeof PhaseConfig>;

export const VersionPin = z.union([z.literal('latest'), SemVer]);

/**
 * What `./Phase` needs for its first render besides the MF manifest, as paths relative to the
 * build's folder (keys of its integrity record): the remote entry script and the synchronous JS and
 * CSS of `./Phase`. The registry reads them from the build's `mf-manifest.json` when the version is
 * registered or published, so that the host (and the course page's HTML) can fetch them together
 * with the manifest instead of after it: see {@link phasePreloads}.
 */
export const PhaseFirstRender = z.object({
  remoteEntry: BuildFilePath,
  js: z.array(BuildFilePath),
  css: z.array(BuildFilePath),
});
export type PhaseFirstRender = z.infer<typeof PhaseFirstRender>;

/** One phase of a course as the host loads it. */
export const ResolvedPhase = z.object({
  coursePhaseId: Id,
  courseId: Id,
  phase: PhaseName,
  title: storableText(),
  position: z.number().int(),
  kind: PhaseKind,
  version: SemVer,
  remote: z.object({
    /** The MF remote name (equal to the phase name). */
    name: PhaseName,
    /** Absolute URL of the remote's `mf-manifest.json`. */
    entry: z.url().check(storableTextCheck),
    /**
     * SHA-384 of every file of the build (manifest, remote entry, chunks), keyed by its path
     * relative to `baseUrl`, as recorded when the version was registered or published. The host
     * refuses a file whose bytes do not match, and a file that is not listed: use
     * {@link integrityOf} to look a URL up. Empty for a development override.
     */
    integrity: z.record(storableText(), Integrity),
    /** Absolute URL (ending in `/`) of the folder the build is served from. */
    baseUrl: z.url().check(storableTextCheck),
    /**
     * The files of the first render, relative to `baseUrl`. Absent for versions registered before
     * the registry recorded them and for a development override: the host then learns them from
     * the manifest, one round trip later.
     */
    firstRender: PhaseFirstRender.optional(),
  }),
  config: PhaseConfig,
  /**
   * Present only in the answer to the developer who set it: their browser loads this phase from
   * their own development server instead of the registered version. Its files change with every
   * rebuild, so `remote.integrity` is empty and not enforced.
   */
  devOverride: z.object({ descriptorUrl: z.url().check(storableTextCheck) }).optional(),
});
export type ResolvedPhase = z.infer<typeof ResolvedPhase>;

/**
 * The recorded SHA-384 of a file the host is about to load, or `undefined` when the build does not
 * list it (a URL outside `baseUrl` included), which the host must treat as a refusal.
 *
 * @example
 * integrityOf(phase.remote, 'https://cdn.example/remotes/quiz/1.0.0/remoteEntry.js') // 'sha384-...'
 */
export function integrityOf(
  remote: Pick<ResolvedPhase['remote'], 'integrity' | 'baseUrl'>,
  url: string,
): string | undefined {
  const file = new URL(url, remote.baseUrl);
  file.search = '';
  file.hash = '';
  if (!file.href.startsWith(remote.baseUrl)) return undefined;
  const path = decodeURIComponent(file.href.slice(remote.baseUrl.length));
  return Object.hasOwn(remote.integrity, path) ? remote.integrity[path] : undefined;
}

/**
 * How long the host may spend loading one phase, set per deployment: the whole load (every
 * attempt), one attempt, and the longest pause of the background retry after a failure.
 */
export const PhaseLoadPolicy = z.object({
  budgetMs: z.number().int().min(500).max(300_000),
  attemptTimeoutMs: z.number().int().min(250).max(300_000),
  retryMaxIntervalMs: z.number().int().min(500).max(600_000),
});
export type PhaseLoadPolicy = z.infer<typeof PhaseLoadPolicy>;

export const ResolvedCourse = z.object({
  course: z.object({
    id: Id,
    slug: storableText(),
    title: storableText(),
    term: storableText().nullable(),
  }),
  role: CourseRole.nullable(),
  phases: z.array(ResolvedPhase),
  /** Absent from older registries: the host then uses its defaults. */
  loading: PhaseLoadPolicy.optional(),
});
export type ResolvedCourse = z.infer<typeof ResolvedCourse>;

/** A course phase as admins and lecturers see it, disabled ones included. */
export const CoursePhase = z.object({
  id: Id,
  courseId: Id,
  phase: PhaseName,
  title: storableText(),
  position: z.number().int(),
  enabled: z.boolean(),
  pin: VersionPin,
  config: PhaseConfig,
});
export type CoursePhase = z.infer<typeof CoursePhase>;

export const CreateCoursePhase = z.object({
  phase: PhaseName,
  title: storableText().trim().min(1).max(100),
  position: z.number().int().min(0).optional(),
  enabled: z.boolean().default(true),
  pin: VersionPin.default('latest'),
  config: PhaseConfig.default({}),
});
export type CreateCoursePhase = z.input<typeof CreateCoursePhase>;

export const UpdateCoursePhase = z
  .object({
    title: storableText().trim().min(1).max(100),
    position: z.number().int().min(0),
    enabled: z.boolean(),
    pin: VersionPin,
    config: PhaseConfig,
  })
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, 'name at least one field to change');
export type UpdateCoursePhase = z.infer<typeof UpdateCoursePhase>;

export const CoursePhaseParams = z.object({ courseId: Id, coursePhaseId: Id });

/** Whether students can get a course phase now, and why not (staff see the reason). */
export const PhaseAvailability = z.object({
  available: z.boolean(),
  /** The version the pin selects now; `null` when none is usable. */
  version: SemVer.nullable(),
  reason: storableText().nullable(),
});
export type PhaseAvailability = z.infer<typeof PhaseAvailability>;

export const CompositionPhase = CoursePhase.extend({ availability: PhaseAvailability });
export type CompositionPhase = z.infer<typeof CompositionPhase>;

/**
 * Every course phase of a course, disabled ones included, with the course's composition
 * revision: changes send it back as `If-Match: "<revision>"` and get 409 with the current
 * composition when someone else changed the course in between.
 */
export const Composition = z.object({
  revision: z.number().int().min(1),
  phases: z.array(CompositionPhase),
});
export type Composition = z.infer<typeof Composition>;

/** The ETag of a composition revision, e.g. `"12"`. */
export const compositionTag = (revision: number): string => `"${revision}"`;
