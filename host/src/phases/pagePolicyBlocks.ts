/**
 * Origins this page's Content-Security-Policy blocked. The registry lists the origins of registered
 * phase versions in the host page's policy when the page is served; a version registered on a new
 * origin afterwards cannot be fetched by a page opened before. The browser says so only in a
 * `securitypolicyviolation` event (the fetch itself fails like any network error), so the host
 * records them here, and the loader tells "moved: reload the page" apart from "server down".
 * Either may come first, the event or the failed fetch: listeners hear of every new origin.
 */

/** The origin of `url`, or `undefined` when it has none. */
export function originOf(url: string): string | undefined {
  try {
    const { origin } = new URL(url, globalThis.location?.href);
    return origin === 'null' ? undefined : origin;
  } catch {
    return undefined;
  }
}

export class PagePolicyBlocks {
  private readonly origins = new Set<string>();
  private readonly listeners = new Set<(origin: string) => void>();

  /** Record the violations of `target` (the document) from now on; returns the unsubscribe. */
  watch(target: EventTarget): () => void {
    const onViolation = (event: Event) => {
      this.record((event as SecurityPolicyViolationEvent).blockedURI ?? '');
    };
    target.addEventListener('securitypolicyviolation', onViolation);
    return () => target.removeEventListener('securitypolicyviolation', onViolation);
  }

  /** Record a blocked URL (`blockedURI` of a violation). */
  record(blockedUri: string): void {
    const origin = originOf(blockedUri);
    if (origin === undefined || this.origins.has(origin)) return;
    this.origins.add(origin);
    for (const listener of this.listeners) listener(origin);
  }

  /** Whether the page's policy blocked something from `url`'s origin. */
  blocks(url: string): boolean {
    const origin = originOf(url);
    return origin !== undefined && this.origins.has(origin);
  }

  /** Hear of every newly blocked origin. */
  subscribe(listener: (origin: string) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }
}

/** This page's record, watching the document from the moment the host starts. */
export const pagePolicyBlocks = new PagePolicyBlocks();
if (typeof document !== 'undefined') pagePolicyBlocks.watch(document);
