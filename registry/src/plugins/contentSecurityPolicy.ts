/**
 * The registry's Content-Security-Policy. Every answer carries the base directives (no page may
 * frame it from elsewhere, no plugins, no foreign `<base>`). The host page (any `text/html` answer:
 * `index.html` and the SPA fallback) gets the whole policy: scripts, styles, fonts, images and
 * fetches only from the registry itself and from the origins that registered phase versions are
 * served from (Module Federation fetches manifests, the host fetches files to check their
 * integrity, and adds entries and chunks as `<script>` tags). The host's HTML has no inline script
 * or style, so neither `'unsafe-inline'` nor `'unsafe-eval'` is allowed: a script injected from
 * any other origin, or inline, does not run.
 */

/** On every answer (set through `helmet`, by the SDK's `securityHeadersPlugin`). */
export const BASE_DIRECTIVES = {
  'frame-ancestors': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
} as const satisfies Record<string, readonly string[]>;

/** The origin of an http(s) URL, or `null` for anything else (it is never allowed). */
export function originOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.origin : null;
  } catch {
    return null;
  }
}

/**
 * The policy of the host page when phases may be loaded from `remoteOrigins` (besides `'self'`).
 *
 * @example
 * hostPagePolicy(['https://cdn.example.edu'])
 * // "default-src 'self'; script-src 'self' https://cdn.example.edu; ..."
 */
export function hostPagePolicy(
  remoteOrigins: Iterable<string>,
  /** WebSocket origins the page may also connect to (a development server's live reload). */
  sockets: Iterable<string> = [],
): string {
  const remotes = [...new Set(remoteOrigins)].sort();
  const fromRemotes = ["'self'", ...remotes];
  const directives: Record<string, readonly string[]> = {
    'default-src': ["'self'"],
    'script-src': fromRemotes,
    'style-src': fromRemotes,
    'font-src': [...fromRemotes, 'data:'],
    'img-src': [...fromRemotes, 'data:', 'blob:'],
    'connect-src': [...fromRemotes, ...new Set(sockets)],
    'form-action': ["'self'"],
    ...BASE_DIRECTIVES,
  };
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}
