/**
 * Starts downloads with `<link rel="preload">` elements in the document's head, one per file, so
 * that a phase's first-render files travel together instead of one after another. A file that
 * already has a preload link (the course page's HTML may carry the same ones) gets no second one.
 * The attributes come from `phasePreloads`, which matches them to the host's later requests.
 */
import type { PhasePreload } from '@coursekit/phase-sdk/contract';

/**
 * @example
 * insertPreloadLinks(phasePreloads(resolvedPhase));
 */
export function insertPreloadLinks(
  preloads: readonly PhasePreload[],
  doc: Document | undefined = globalThis.document,
): void {
  if (!doc?.head || preloads.length === 0) return;
  const present = new Set(
    [...doc.head.querySelectorAll<HTMLLinkElement>('link[rel="preload"]')].map((link) => link.href),
  );
  for (const preload of preloads) {
    if (present.has(preload.url)) continue;
    present.add(preload.url);
    const link = doc.createElement('link');
    link.setAttribute('rel', 'preload');
    link.setAttribute('as', preload.as);
    if (preload.integrity) link.setAttribute('integrity', preload.integrity);
    if (preload.crossOrigin) link.setAttribute('crossorigin', preload.crossOrigin);
    // Last, once every attribute that decides how the file is fetched is set.
    link.setAttribute('href', preload.url);
    doc.head.append(link);
  }
}
