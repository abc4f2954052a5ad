/**
 * Forwarding one request to a phase server the way a reverse proxy must. The path and query go out
 * exactly as they came in (no decoding, no normalisation: `a%3Fb` stays in the path, `%23` does not
 * cut it, a malformed `%ZZ` is the phase server's to judge). The body is streamed; hop-by-hop
 * headers are dropped both ways. And the client's connection stays usable whatever the phase
 * server does: when it answers before reading the whole body (a 413, a 401), the rest of the body
 * is read and discarded once the answer is out, so the next request on a keep-alive connection is
 * parsed at once instead of waiting behind unread bytes. Failures are returned, not thrown, so
 * that the route turns them into its own problems.
 */
import type { IncomingMessage } from 'node:http';
import type { LookupFunction } from 'node:net';
import { PassThrough } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Agent, errors } from 'undici';

/** Headers that describe one connection, not the message (RFC 9110 §7.6.1), plus ours to set. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'host',
  // Node answers `100-continue` itself; the phase server gets the body straight away.
  'expect',
]);

export type ProxyFailure = 'timeout' | 'unreachable' | 'unforwardable';

export interface ProxyTarget {
  /** The phase server's base URL, possibly with a path (`http://matching:4102/api`). */
  base: string;
  /** Path and query to append, raw, starting with `/`. */
  pathAndQuery: string;
  /** Headers to send (already without cookies); hop-by-hop ones are dropped here. */
  headers: IncomingMessage['headers'];
}

export class PhaseServerProxy {
  private readonly agent: Agent;

  /** `lookup`: the registry's checked DNS lookup, so only allowed addresses are connected to. */
  constructor(timeoutMs: number, lookup?: LookupFunction) {
    this.agent = new Agent({
      connect: { timeout: Math.min(timeoutMs, 5_000), ...(lookup ? { lookup } : {}) },
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    });
  }

  /** Send `request` to `target` and stream the answer into `reply`; a failure is returned. */
  async forward(
    request: FastifyRequest,
    reply: FastifyReply,
    target: ProxyTarget,
  ): Promise<ProxyFailure | null> {
    const incoming = request.raw;
    const body = hasBody(incoming) ? streamBody(incoming) : undefined;
    const abort = new AbortController();
    reply.raw.once('close', () => {
      if (!reply.raw.writableFinished) abort.abort();
    });
    reply.raw.once('finish', () => discardUnreadBody(incoming, body));

    const base = new URL(target.base);
    let upstream: Awaited<ReturnType<Agent['request']>>;
    try {
      upstream = await this.agent.request({
        origin: base.origin,
        path: `${base.pathname.replace(/\/$/, '')}${target.pathAndQuery}`,
        method: request.method as 'GET',
        headers: withoutHopByHop(target.headers),
        body,
        signal: abort.signal,
      });
    } catch (error) {
      return classify(error);
    }

    const status = upstream.statusCode;
    if (status < 200 || status > 599) {
      upstream.body.destroy();
      return 'unreachable';
    }
    reply.code(status);
    for (const [name, value] of Object.entries(withoutHopByHop(upstream.headers))) {
      // The registry's origin is the core's: a phase server may not set cookies on it.
      if (name !== 'set-cookie') reply.header(name, value);
    }
    if (status === 204 || status === 304 || request.method === 'HEAD') {
      await upstream.body.dump();
      reply.send();
    } else {
      reply.send(upstream.body);
    }
    return null;
  }

  async close(): Promise<void> {
    await this.agent.close();
  }
}

function hasBody(incoming: IncomingMessage): boolean {
  const length = incoming.headers['content-length'];
  return (
    (length !== undefined && length !== '0') || incoming.headers['transfer-encoding'] !== undefined
  );
}

/**
 * The body as its own stream: when the phase server closes early, undici destroys the stream it
 * was given, and that must not be the client's request (it would reset the client's connection).
 */
function streamBody(incoming: IncomingMessage): PassThrough {
  const body = new PassThrough();
  body.on('error', () => {
    // undici reports the failure; the client's side is handled by discardUnreadBody.
  });
  incoming.on('aborted', () => body.destroy());
  incoming.pipe(body);
  return body;
}

/** Read what the client still sends, so that its connection can carry the next request. */
function discardUnreadBody(incoming: IncomingMessage, body: PassThrough | undefined): void {
  if (incoming.complete || incoming.destroyed) return;
  if (body) incoming.unpipe(body);
  incoming.resume();
}

function withoutHopByHop(headers: IncomingMessage['headers']): Record<string, string | string[]> {
  const listed = new Set(
    String(headers.connection ?? '')
      .split(',')
      .map((name) => name.trim().toLowerCase())
      .filter(Boolean),
  );
  const kept: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !HOP_BY_HOP.has(name) && !listed.has(name)) kept[name] = value;
  }
  return kept;
}

function classify(error: unknown): ProxyFailure {
  if (error instanceof errors.InvalidArgumentError) return 'unforwardable';
  if (error instanceof errors.HeadersTimeoutError || error instanceof errors.ConnectTimeoutError) {
    return 'timeout';
  }
  if (error instanceof errors.BodyTimeoutError) return 'timeout';
  return 'unreachable';
}
