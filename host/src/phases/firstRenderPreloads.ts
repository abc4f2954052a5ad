/**
 * The preloads of a phase's first-render files as this page will request them: the contract's
 * `phasePreloads` for what the loader knows of the phase, adjusted for this browser. Without
 * WebCrypto (an insecure context) the host fetches the manifest with its `integrity` instead of
 * hashing it itself, so the manifest's preload must carry that hash too, or the browser downloads
 * the manifest twice.
 */
import { integrityOf, type PhasePreload, phasePreloads } from '@coursekit/phase-sdk/contract';
import type { PhaseRef } from './PhaseLoader';
import { folderOf } from './remoteLoadSettings';
import { canHash } from './sha384';

/**
 * @example
 * insertPreloadLinks(firstRenderPreloads(resolvedPhase));
 */
export function firstRenderPreloads(phase: PhaseRef): PhasePreload[] {
  const remote = {
    ...phase.remote,
    integrity: phase.remote.integrity ?? {},
    baseUrl: phase.remote.baseUrl ?? folderOf(phase.remote.entry),
  };
  const preloads = phasePreloads({ remote, devOverride: phase.devOverride });
  if (canHash()) return preloads;
  const manifestHash = integrityOf(remote, remote.entry);
  return preloads.map((preload) =>
    preload.as === 'fetch' && manifestHash ? { ...preload, integrity: manifestHash } : preload,
  );
}
