/**
 * The files a browser needs for a phase's first render, read from the build's MF manifest when a
 * version is registered or published: the remote entry and the synchronous JS and CSS of `./Phase`,
 * as paths relative to the build folder, exactly where the MF runtime will request them (its
 * `publicPath: 'auto'` resolves them against the manifest's folder). The resolve answer carries
 * them, so the host can fetch them together with the manifest instead of after it. A manifest
 * this cannot read with certainty (another public path, a file the build does not list) gives
 * `null`: the host then takes the manifest's word, one round trip later, as before.
 */
import {
  PHASE_EXPOSE,
  type PhaseDescriptor,
  PhaseFirstRender,
} from '@coursekit/phase-sdk/contract';
import { z } from 'zod';
import { remoteEntryPath } from '../releases/buildIntegrity.js';

const Assets = z.object({ sync: z.array(z.string()) });

/** The part of an MF manifest that names the first-render files. */
const ManifestFiles = z.object({
  metaData: z.object({
    publicPath: z.string().optional(),
    remoteEntry: z.object({ name: z.string(), path: z.string().optional() }),
  }),
  exposes: z.array(
    z.object({
      path: z.string(),
      assets: z.object({ js: Assets, css: Assets.optional() }),
    }),
  ),
});

/**
 * @example
 * firstRenderFiles(descriptor, manifest)
 * // { remoteEntry: 'remoteEntry.js', js: ['__federation_expose_Phase.1a2b.js'], css: [] }
 */
export function firstRenderFiles(
  descriptor: Pick<PhaseDescriptor, 'manifest' | 'integrity'>,
  manifest: unknown,
): PhaseFirstRender | null {
  const parsed = ManifestFiles.safeParse(manifest);
  if (!parsed.success) return null;
  const { publicPath = 'auto' } = parsed.data.metaData;
  // Another public path puts the files at URLs the build folder does not describe.
  if (publicPath !== 'auto' && publicPath !== '') return null;
  const phase = parsed.data.exposes.find((expose) => expose.path === PHASE_EXPOSE);
  if (!phase) return null;
  const folder = descriptor.manifest.slice(0, descriptor.manifest.lastIndexOf('/') + 1);
  const files = PhaseFirstRender.safeParse({
    remoteEntry: remoteEntryPath(descriptor.manifest, parsed.data),
    js: phase.assets.js.sync.map((file) => `${folder}${file}`),
    css: (phase.assets.css?.sync ?? []).map((file) => `${folder}${file}`),
  });
  if (!files.success) return null;
  const { remoteEntry, js, css } = files.data;
  const listed = [remoteEntry, ...js, ...css].every((file) =>
    Object.hasOwn(descriptor.integrity, file),
  );
  return listed ? files.data : null;
}
