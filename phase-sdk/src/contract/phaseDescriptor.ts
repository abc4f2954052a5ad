/**
 * `phase.json`: what a phase build publishes next to its Module Federation manifest. Admins register
 * a phase version by the URL of this file; the registry fetches and validates it before accepting.
 */
import { z } from 'zod';
import { storableJson, storableText } from './storable.js';

/** A phase type name: its MF remote name, npm-safe and JS-identifier-friendly once dashes are mapped. */
export const PhaseName = storableText()
  .regex(
    /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/,
    'lowercase letters and digits in dash-separated words, starting with a letter (e.g. "intro-course")',
  )
  .max(50);
export type PhaseName = z.infer<typeof PhaseName>;

export const SemVer = storableText().regex(
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z.-]+)?$/,
  'a semantic version such as "1.2.3"',
);

export const PhaseKind = z.enum(['client-only', 'client-and-server']);
export type PhaseKind = z.infer<typeof PhaseKind>;

/** `sha384-<base64>` as used by Subresource Integrity. */
export const Integrity = storableText().regex(
  /^sha384-[A-Za-z0-9+/]+={0,2}$/,
  'an SRI hash "sha384-..."',
);

/**
 * A file's path inside a build folder: forward slashes, no `.`/`..` segments, no absolute path,
 * only characters bundlers put into file names. Anything else could name a file outside the folder.
 */
export const BuildFilePath = storableText()
  .max(300)
  .regex(
    /^(?!.*(?:^|\/)\.{1,2}(?:\/|$))[A-Za-z0-9._~@+-]+(?:\/[A-Za-z0-9._~@+-]+)*$/,
    'a relative path inside the build folder (letters, digits, "._~@+-", "/" between names, no "." or ".." segments)',
  );
/** A JSON Schema document, kept as plain JSON (the registry compiles it with Ajv). */
export const JsonSchema = z.record(storableText(), storableJson());
export type JsonSchema = z.infer<typeof JsonSchema>;

/** Whether a build publishes its source maps: `public`, or `none` (the default). */
export const SourceMapPolicy = z.enum(['public', 'none']);
export type SourceMapPolicy = z.infer<typeof SourceMapPolicy>;

export const PhaseDescriptor = z.object({
  /** Schema marker so that other JSON files are rejected early. */
  $schema: z.literal('https://coursekit.dev/schemas/phase-descriptor/v1').optional(),
  name: PhaseName,
  version: SemVer,
  title: storableText().min(1).max(100),
  description: storableText().max(500).default(''),
  kind: PhaseKind,
  /** SDK major range the phase was built against, e.g. `^0.1.0`. */
  sdk: storableText().min(1).max(100),
  /** File name of the MF manifest, relative to `phase.json`. */
  manifest: BuildFilePath.default('mf-manifest.json'),
  /**
   * SHA-384 of every file of the build but `phase.json` itself, keyed by its path relative to
   * `phase.json` (forward slashes). Builds of older SDKs listed only the manifest and the entry.
   */
  integrity: z.record(BuildFilePath, Integrity),
  /** Modules the remote exposes; a phase must expose `./Phase`. */
  exposes: z.array(storableText().max(500)).min(1),
  /**
   * JSON Schema (draft 2020-12 subset) of the per-course configuration: the registry refuses a
   * configuration that does not match it, and the admin console generates its form from it.
   */
  configSchema: JsonSchema.optional(),
  /**
   * `public`: the build ships its source maps and the registry serves them to anyone. Absent (the
   * default), a production build has none and the registry refuses `.map` files under this
   * version, so the phase's source stays private unless its authors choose otherwise.
   */
  sourceMaps: SourceMapPolicy.optional(),
});
export type PhaseDescriptor = z.infer<typeof PhaseDescriptor>;

export const PHASE_DESCRIPTOR_FILE = 'phase.json';
export const PHASE_EXPOSE = './Phase';
