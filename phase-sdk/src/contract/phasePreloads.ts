/**
 * The files a browser can start fetching as soon as it knows a phase's resolve answer, described
 * exactly as the host will request them later, so that one download serves both the preload and
 * the real request. The host inserts them as `<link rel="preload">` when a phase starts loading;
 * the course page's HTML can carry the same links, from the same function, before any script ran.
 */
import type { ResolvedPhase } from './coursePhase.js';

/** One file to preload: the attributes of its `<link rel="preload">`. */
export interface PhasePreload {
  /** Absolute URL, exactly as the host requests it. */
  url: string;
  /** The link's `as`: the manifest is read with `fetch()`, entry and chunks are classic scripts. */
  as: 'script' | 'style' | 'fetch';
  /** The link's `integrity`; absent when the later request carries none (the link must not either). */
  integrity?: string;
  /** The link's `crossorigin`; absent when the later request is made without CORS. */
  crossOrigin?: 'anonymous';
}

/**
 * Every file of a phase's first render that can be fetched at once, in the order they are needed:
 * the MF manifest, the remote entry and the synchronous JS and CSS of `./Phase`. Each preload
 * carries the `integrity` and `crossorigin` the host's later request carries (the host puts the
 * recorded hash and `crossorigin="anonymous"` on every script of a registered build, and checks
 * the manifest's bytes itself): a link that differs in either is not reused by the browser, and
 * the file is downloaded twice.
 *
 * Without `remote.firstRender` (a version registered before the registry recorded it) only the
 * manifest is listed; a development override lists nothing (its files change with every rebuild
 * and are loaded without hashes). A script without a recorded hash is left out: the host refuses
 * to run it anyway.
 *
 * @example
 * // Host: start the downloads the moment the resolve answer is known.
 * for (const preload of phasePreloads(resolvedPhase)) {
 *   const link = document.createElement('link');
 *   link.rel = 'preload';
 *   link.as = preload.as;
 *   link.href = preload.url;
 *   if (preload.integrity) link.integrity = preload.integrity;
 *   if (preload.crossOrigin) link.crossOrigin = preload.crossOrigin;
 *   document.head.append(link);
 * }
 * // Server: the same links in the course page's <head>.
 * // <link rel="preload" href="…/remoteEntry.js" as="script" integrity="sha384-…" crossorigin="anonymous">
 */
export function phasePreloads(
  phase: Pick<ResolvedPhase, 'remote'> & { devOverride?: unknown },
): PhasePreload[] {
  if (phase.devOverride !== undefined) return [];
  const { remote } = phase;
  // The host hashes the manifest's bytes itself and fetches it without `integrity`.
  const preloads: PhasePreload[] = [{ url: remote.entry, as: 'fetch', crossOrigin: 'anonymous' }];
  const files = remote.firstRender;
  if (!files) return preloads;
  const seen = new Set([remote.entry]);
  const add = (path: string, as: 'script' | 'style') => {
    const url = new URL(path, remote.baseUrl).href;
    if (seen.has(url) || !url.startsWith(remote.baseUrl)) return;
    seen.add(url);
    if (as === 'style') {
      // The MF runtime inserts a phase's stylesheets without `crossorigin` or `integrity`.
      preloads.push({ url, as });
      return;
    }
    const integrity = Object.hasOwn(remote.integrity, path) ? remote.integrity[path] : undefined;
    if (integrity) preloads.push({ url, as, integrity, crossOrigin: 'anonymous' });
  };
  add(files.remoteEntry, 'script');
  for (const path of files.js) add(path, 'script');
  for (const path of files.css) add(path, 'style');
  return preloads;
}
