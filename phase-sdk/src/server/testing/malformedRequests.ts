/**
 * Requests no client library would send, written byte for byte on a socket to a listening server:
 * what an outside probe tries first. Every server of the platform must answer each of them with
 * `application/problem+json` and a catalogue code, whichever layer refuses it (Node's HTTP parser,
 * Fastify's router, a not-found handler). Used by the registry's and the phase template's tests.
 */
import { connect } from 'node:net';

export interface RawAnswer {
  status: number;
  /** Header names lower-cased. */
  headers: Record<string, string>;
  body: string;
}

/**
 * Write `request` as is to `origin`'s port and read the answer until the server closes the
 * connection (send `Connection: close` in well-formed requests).
 */
export function sendRaw(origin: string, request: string): Promise<RawAnswer> {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname.replace(/^\[|\]$/g, ''));
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    // The server may close while the request is still being written (it refused its start).
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'ECONNRESET' && error.code !== 'EPIPE') reject(error);
    });
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const split = text.indexOf('\r\n\r\n');
      const [statusLine = '', ...lines] = text
        .slice(0, split === -1 ? undefined : split)
        .split('\r\n');
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(statusLine)?.[1] ?? 0);
      if (!status) {
        reject(new Error(`No HTTP answer to ${JSON.stringify(request.slice(0, 60))}: ${text}`));
        return;
      }
      const headers = Object.fromEntries(
        lines.map((line) => {
          const colon = line.indexOf(':');
          return [line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()];
        }),
      );
      resolve({ status, headers, body: split === -1 ? '' : text.slice(split + 4) });
    });
    socket.write(request);
  });
}

export interface MalformedRequest {
  name: string;
  request: string;
  status: number;
  code: string;
}

/**
 * The malformed requests, for a server with a route `paramRoute.method paramRoute.prefix<param>`
 * (a parameter longer than Fastify's `maxParamLength` is refused with 414 by the router).
 */
export function malformedRequests(paramRoute: {
  method: string;
  prefix: string;
}): MalformedRequest[] {
  const head = (requestLine: string, ...headers: string[]) =>
    [requestLine, 'Host: 127.0.0.1', ...headers, 'Connection: close', '', ''].join('\r\n');
  return [
    {
      name: 'a path that is no valid percent-encoding',
      request: head('GET /% HTTP/1.1'),
      status: 400,
      code: 'CK_BAD_REQUEST',
    },
    {
      name: 'a route parameter longer than any identifier',
      request: head(`${paramRoute.method} ${paramRoute.prefix}${'a'.repeat(500)} HTTP/1.1`),
      status: 414,
      code: 'CK_URI_TOO_LONG',
    },
    {
      name: 'headers over 16 KB',
      request: head('GET /healthz HTTP/1.1', `X-Padding: ${'a'.repeat(20_000)}`),
      status: 431,
      code: 'CK_HEADERS_TOO_LARGE',
    },
    {
      name: 'a URL over 16 KB',
      request: head(`GET /${'a'.repeat(20_000)} HTTP/1.1`),
      status: 431,
      code: 'CK_HEADERS_TOO_LARGE',
    },
    {
      name: 'a request line that is not HTTP',
      request: 'GARBAGE\r\n\r\n',
      status: 400,
      code: 'CK_BAD_REQUEST',
    },
    {
      name: 'a method HTTP does not have',
      request: head('BREW /healthz HTTP/1.1'),
      status: 400,
      code: 'CK_BAD_REQUEST',
    },
    {
      name: 'a Content-Length that is no number',
      request: head('POST /healthz HTTP/1.1', 'Content-Length: ten'),
      status: 400,
      code: 'CK_BAD_REQUEST',
    },
  ];
}

/** What an answer says, in the terms a malformed request's expectation is written in. */
export interface ProblemAnswer {
  status: number;
  contentType: string | undefined;
  code: unknown;
  /** The body's `status` (must equal the answer's). */
  bodyStatus: unknown;
  nosniff: boolean;
}

function problemAnswerOf(answer: RawAnswer): ProblemAnswer {
  let body: { code?: unknown; status?: unknown } = {};
  try {
    body = JSON.parse(answer.body) as typeof body;
  } catch {
    // Not JSON: the code stays undefined, which the expectation names.
  }
  return {
    status: answer.status,
    contentType: answer.headers['content-type']?.split(';')[0],
    code: body.code,
    bodyStatus: body.status,
    nosniff: answer.headers['x-content-type-options'] === 'nosniff',
  };
}

/**
 * Send every malformed request to `origin`, one connection each, and pair what came back with
 * what should have.
 *
 * @example
 * for (const probe of await probeMalformedRequests(origin, { method: 'GET', prefix: '/notes/' }))
 *   expect(probe.answered, probe.name).toEqual(probe.expected);
 */
export async function probeMalformedRequests(
  origin: string,
  paramRoute: { method: string; prefix: string },
): Promise<{ name: string; answered: ProblemAnswer; expected: ProblemAnswer }[]> {
  const results = [];
  for (const probe of malformedRequests(paramRoute)) {
    results.push({
      name: probe.name,
      answered: problemAnswerOf(await sendRaw(origin, probe.request)),
      expected: {
        status: probe.status,
        contentType: 'application/problem+json',
        code: probe.code,
        bodyStatus: probe.status,
        nosniff: true,
      },
    });
  }
  return results;
}
