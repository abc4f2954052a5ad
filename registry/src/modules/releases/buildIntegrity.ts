/**
 * The integrity rules of a phase build, shared by registration by URL and by publishing: which
 * files `phase.json` must list (the MF manifest and the remote entry it names), and the comparison
 * of each file's bytes with its recorded SHA-384. Every problem is collected, so that one answer
 * lists every file to fix rather than the first.
 */
import { createHash } from 'node:crypto';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { FieldError } from '@coursekit/phase-sdk/contract';
import { AppError } from '../../errors.js';

export function sha384(bytes: Uint8Array | string): string {
  return `sha384-${createHash('sha384').update(bytes).digest('base64')}`;
}

/** The part of an `mf-manifest.json` that names the remote entry. */
export interface ManifestRemoteEntry {
  metaData: { remoteEntry: { name: string; path?: string } };
}

/** Path of the remote entry relative to the build folder, from the manifest's own path. */
export function remoteEntryPath(manifestPath: string, manifest: ManifestRemoteEntry): string {
  const { name, path = '' } = manifest.metaData.remoteEntry;
  const folder = manifestPath.includes('/')
    ? manifestPath.slice(0, manifestPath.lastIndexOf('/') + 1)
    : '';
  const relative = path ? `${path.replace(/^\.?\/+/, '').replace(/\/*$/, '/')}${name}` : name;
  return `${folder}${relative}`;
}

export interface IntegrityProblem {
  file: string;
  problem: string;
}

/** Files a build must list: its manifest and the remote entry the manifest names. */
export function missingEntryFiles(
  integrity: Record<string, string>,
  required: string[],
): IntegrityProblem[] {
  return required
    .filter((file) => !Object.hasOwn(integrity, file))
    .map((file) => ({
      file,
      problem: 'not listed in phase.json "integrity"; rebuild with the Coursekit build helper',
    }));
}

/** Compare one file's bytes with the hash `phase.json` recorded for it. */
export function compareFile(
  file: string,
  expected: string,
  bytes: Uint8Array,
): IntegrityProblem | null {
  const actual = sha384(bytes);
  return actual === expected
    ? null
    : { file, problem: `its SHA-384 is ${actual}, but phase.json records ${expected}` };
}

/** A build's precompressed copy: `<file>.br` or `<file>.gz`. */
export const ENCODED_COPY = /^(.+)\.(br|gz)$/;

/**
 * Check that `copy` (`<file>.br` or `.gz`) decodes to exactly `original`. Decoding stops one byte
 * past the original's length, so a compression bomb costs no more memory than the file itself.
 */
export function compareEncodedCopy(
  copy: string,
  bytes: Uint8Array,
  original: Uint8Array,
): IntegrityProblem | null {
  const [, file, encoding] = ENCODED_COPY.exec(copy) ?? [];
  const decode = encoding === 'br' ? brotliDecompressSync : gunzipSync;
  let decoded: Buffer;
  try {
    decoded = decode(bytes, { maxOutputLength: original.length + 1 });
  } catch {
    return {
      file: copy,
      problem: `is not a ${encoding === 'br' ? 'brotli' : 'gzip'} copy of ${file} (it does not decode, or decodes to more bytes)`,
    };
  }
  return Buffer.compare(decoded, original) === 0
    ? null
    : { file: copy, problem: `does not decode to the bytes of ${file}` };
}

/** One 422 listing every problem; `null` when there is none. */
export function integrityError(subject: string, problems: IntegrityProblem[]): AppError | null {
  if (problems.length === 0) return null;
  const shown = problems.slice(0, 5).map((p) => `${p.file}: ${p.problem}`);
  const more = problems.length > 5 ? `; and ${problems.length - 5} more` : '';
  const errors: FieldError[] = problems.map((p) => ({
    path: `integrity.${p.file}`,
    message: p.problem,
  }));
  return new AppError(
    'CK_PHASE_INTEGRITY_MISMATCH',
    `${problems.length} file(s) of ${subject} do not match its phase.json: ${shown.join('; ')}${more}. Publish the files of one build together, or rebuild.`,
    errors,
  );
}

/** Run `work` over `items` with at most `limit` at a time; results in input order. */
export async function mapLimited<T, R>(
  items: T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
