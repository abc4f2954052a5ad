/**
 * The one way the registry fetches a URL it was given (phase descriptors and MF manifests today;
 * bundles and anything else tomorrow: call `safeFetch` with `fetchPolicyOf(config)`, never
 * `fetch`). The policy against server-side request forgery lives here and nowhere else:
 * - http and https only;
 * - in production, only public addresses (`isPublicAddress`) unless the URL's host is listed in
 *   `DESCRIPTOR_ALLOWED_HOSTS`; development allows every address (localhost included). The check
 *   runs inside the connection's DNS lookup (undici's `connect.lookup`), so the address checked is
 *   the address connected to: a name that resolves to a public address for a pre-check and to
 *   127.0.0.1 for the request (DNS rebinding) gets nowhere. IP literals are checked before;
 * - redirects are followed by hand, at most `maxRedirects`, each hop checked the same way;
 * - the body is streamed and cut at `maxBytes`, and one time-out covers the whole exchange, slow
 *   bodies included.
 * Failures are `SafeFetchError`s whose messages never reveal what lies behind the address (no
 * status, port, error text or content), so the registry cannot be used to scan a network; callers
 * put them into their own 422 ("The phase descriptor at <url> <message>.").
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import { Agent, request } from 'undici';
import type { Config } from '../config.js';
import { isPublicAddress } from './publicAddress.js';

export interface FetchPolicy {
  /** Reach loopback, private and other non-public addresses (development mode). */
  allowNonPublic: boolean;
  /** Host names and IP addresses reached whatever their address (`DESCRIPTOR_ALLOWED_HOSTS`). */
  allowedHosts: readonly string[];
  /** Time for the whole exchange, redirects and body included. */
  timeoutMs: number;
  /** Default size limit of a body; a call may set its own (a bundle's chunks are larger). */
  maxBytes: number;
  maxRedirects: number;
}

/** The registry's policy for URLs it is given, from its configuration. */
export function fetchPolicyOf(config: Config): FetchPolicy {
  return {
    allowNonPublic: config.mode === 'development',
    allowedHosts: config.descriptorAllowedHosts,
    timeoutMs: config.descriptorFetchTimeoutMs,
    maxBytes: 1_000_000,
    maxRedirects: 3,
  };
}

export type SafeFetchRefusal =
  | 'unsupported-url'
  | 'non-public-address'
  | 'too-many-redirects'
  | 'unreachable'
  | 'too-large'
  | 'timeout';

/** Why a URL was not fetched; `message` continues a sentence about the URL ("The … at <url> "). */
export class SafeFetchError extends Error {
  override readonly name = 'SafeFetchError';
  constructor(
    readonly reason: SafeFetchRefusal,
    message: string,
  ) {
    super(message);
  }
}

const nonPublic = () =>
  new SafeFetchError(
    'non-public-address',
    'is on a non-public address (loopback, private, link-local or reserved), which the registry does not fetch in production; if the host is yours, list it in DESCRIPTOR_ALLOWED_HOSTS',
  );

const hostOf = (url: URL) => url.hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();

function isAllowedHost(host: string, policy: FetchPolicy): boolean {
  return policy.allowNonPublic || policy.allowedHosts.includes(host.toLowerCase());
}

/**
 * A DNS lookup that only ever hands a connection addresses the policy allows: give it to any
 * client that connects to URLs the registry was given (undici's `connect.lookup`, the gateway's).
 */
export function checkedLookup(policy: FetchPolicy): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      const usable = isAllowedHost(hostname, policy)
        ? addresses
        : addresses.filter((entry) => isPublicAddress(entry.address));
      const [first] = usable;
      if (!first) return callback(nonPublic(), '', 0);
      if (options.all) return (callback as (e: null, all: LookupAddress[]) => void)(null, usable);
      return callback(null, first.address, first.family);
    });
  };
}

/** Refuse what can be refused before connecting: the scheme and IP literals. */
function checkUrl(url: URL, policy: FetchPolicy): void {
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new SafeFetchError('unsupported-url', 'is not an http or https URL');
  const host = hostOf(url);
  if (isIP(host) && !isAllowedHost(host, policy) && !isPublicAddress(host)) throw nonPublic();
}

/**
 * Check, without fetching, that `url` may be reached under `policy` (a phase server's URL when it
 * is registered): its scheme, and that its host resolves to an allowed address now. Connections
 * are checked again as they are made (`checkedLookup`).
 */
export async function assertReachableUrl(url: string, policy: FetchPolicy): Promise<void> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new SafeFetchError('unsupported-url', 'is not an absolute URL');
  }
  checkUrl(parsed, policy);
  const host = hostOf(parsed);
  if (isIP(host) || isAllowedHost(host, policy)) return;
  const lookup = checkedLookup(policy);
  // A name that does not resolve yet (a service still to be deployed) is judged on connection.
  await new Promise<void>((resolve, reject) =>
    lookup(host, { all: true }, (error) =>
      error instanceof SafeFetchError ? reject(error) : resolve(),
    ),
  );
}

function causeChain(error: unknown): unknown[] {
  const chain: unknown[] = [];
  for (let e = error; e && chain.length < 8; e = (e as { cause?: unknown }).cause) chain.push(e);
  return chain;
}

export interface SafeFetchResult {
  /** The URL that answered, after redirects (resolve relative references against it). */
  url: string;
  body: Buffer;
  contentType: string | undefined;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * GET `url` under `policy`: 200 only, redirects followed and checked, body bounded in size
 * (`options.maxBytes`, else the policy's) and time. Throws `SafeFetchError`.
 *
 * @example
 * const { body } = await safeFetch(descriptorUrl, fetchPolicyOf(config), { accept: 'application/json' });
 */
export async function safeFetch(
  url: string,
  policy: FetchPolicy,
  options: { accept?: string; maxBytes?: number } = {},
): Promise<SafeFetchResult> {
  const maxBytes = options.maxBytes ?? policy.maxBytes;
  // Our own timer, cleared when done: a signal that fires after the exchange would abort a body
  // nobody listens to any more.
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), policy.timeoutMs);
  const signal = timeout.signal;
  const agent = new Agent({
    connect: { lookup: checkedLookup(policy), timeout: policy.timeoutMs },
    headersTimeout: policy.timeoutMs,
    bodyTimeout: policy.timeoutMs,
  });
  let current: URL;
  try {
    current = new URL(url);
  } catch {
    throw new SafeFetchError('unsupported-url', 'is not an absolute URL');
  }
  try {
    for (let hop = 0; ; hop++) {
      checkUrl(current, policy);
      const response = await request(current, {
        dispatcher: agent,
        signal,
        headers: options.accept ? { accept: options.accept } : {},
      });
      // A body we drop may still fail (aborted, reset); nothing waits for it.
      response.body.on('error', () => undefined);
      const location = response.headers.location;
      if (REDIRECTS.has(response.statusCode) && typeof location === 'string') {
        response.body.destroy();
        if (hop >= policy.maxRedirects)
          throw new SafeFetchError(
            'too-many-redirects',
            `redirects more than ${policy.maxRedirects} times`,
          );
        current = new URL(location, current);
        continue;
      }
      if (response.statusCode !== 200) {
        response.body.destroy();
        throw unreachable();
      }
      const declared = Number(response.headers['content-length']);
      if (declared > maxBytes) {
        response.body.destroy();
        throw tooLarge(maxBytes);
      }
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of response.body) {
        size += (chunk as Buffer).length;
        if (size > maxBytes) {
          response.body.destroy();
          throw tooLarge(maxBytes);
        }
        chunks.push(chunk as Buffer);
      }
      const type = response.headers['content-type'];
      return {
        url: current.href,
        body: Buffer.concat(chunks),
        contentType: Array.isArray(type) ? type[0] : type,
      };
    }
  } catch (error) {
    const known = causeChain(error).find((e) => e instanceof SafeFetchError);
    if (known) throw known;
    if (signal.aborted)
      throw new SafeFetchError('timeout', `did not arrive within ${policy.timeoutMs} ms`);
    throw unreachable();
  } finally {
    clearTimeout(timer);
    void agent.destroy().catch(() => undefined);
  }
}

const unreachable = () =>
  new SafeFetchError(
    'unreachable',
    'could not be fetched (no answer, or an answer other than 200 OK); check the URL and that the build is published there',
  );

const tooLarge = (maxBytes: number) =>
  new SafeFetchError('too-large', `is larger than ${maxBytes} bytes`);
