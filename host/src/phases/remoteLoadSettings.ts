/**
 * What the PhaseLoader tells the host's MF runtime plugin about each remote it loads, shared in
 * memory because the runtime calls the plugin with URLs only: the recorded integrity of each file
 * (relative to the manifest's folder), the generation of the current attempt (every attempt after
 * the first gets fresh URLs, so that neither a hung request nor a cached failure is reused), the
 * per-request time-out, and the last script error the plugin swallowed for that remote.
 */
export interface RemoteLoadSettings {
  /** 0 for the first load of a remote in this page; every later attempt counts up. */
  generation: number;
  /** The build's folder (with a trailing slash): files are keyed relative to it. */
  baseUrl: string;
  /** `sha384-...` per file of the build, from the resolve answer. */
  integrity: Readonly<Record<string, string>>;
  /**
   * Whether every file must match a recorded hash (fail closed). Off only for a developer's own
   * override, whose files change with every rebuild.
   */
  enforceIntegrity: boolean;
  /** Time-out of one request (manifest or script) in ms. */
  requestTimeoutMs: number;
  /** How far the current attempt got: what a time-out is blamed on. */
  stage: 'manifest' | 'entry' | 'expose';
  /** The uncaught error of one of the remote's scripts, swallowed by the plugin and kept here. */
  scriptError?: string;
}

const settings = new Map<string, RemoteLoadSettings>();

export const remoteLoadSettings = {
  get: (remote: string): RemoteLoadSettings | undefined => settings.get(remote),
  set: (remote: string, value: RemoteLoadSettings): void => {
    settings.set(remote, value);
  },
  /** The settings of the build a file belongs to. */
  forUrl: (url: string): RemoteLoadSettings | undefined => {
    for (const candidate of settings.values()) {
      if (url.startsWith(candidate.baseUrl)) return candidate;
    }
    return undefined;
  },
};

/** The folder of a URL, without query or fragment. */
export function folderOf(url: string): string {
  return url.replace(/[?#].*$/, '').replace(/[^/]*$/, '');
}

/** A file's name in the integrity record: its path below the build's folder. */
export function fileKey(settings: RemoteLoadSettings, url: string): string | undefined {
  const plain = url.replace(/[?#].*$/, '');
  return plain.startsWith(settings.baseUrl)
    ? decodeURIComponent(plain.slice(settings.baseUrl.length))
    : undefined;
}

/**
 * The recorded hash of a file, as the contract's `integrityOf` finds it. This module runs inside
 * the MF runtime plugin, which starts before shared modules (the SDK among them) can be consumed,
 * so it cannot import the contract; a unit test keeps both lookups in agreement.
 */
export function expectedIntegrity(settings: RemoteLoadSettings, url: string): string | undefined {
  const key = fileKey(settings, new URL(url, settings.baseUrl).href);
  return key !== undefined && Object.hasOwn(settings.integrity, key)
    ? settings.integrity[key]
    : undefined;
}

/** The URL for the current attempt: the first keeps it, later ones get a parameter of their own. */
export function freshUrl(url: string, generation: number): string {
  if (generation === 0) return url;
  const fresh = new URL(url);
  fresh.searchParams.set('ck-load', String(generation));
  return fresh.href;
}
